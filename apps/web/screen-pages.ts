import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin, Rollup } from 'vite';
import { chunkClosure, resolveRouterImport } from './chunk-plan';

/** The page of the screen at `/` (the dashboard); every other page is named after its first path segment. */
export const ROOT_PAGE = 'root';

interface Screen {
  /** The first segment of the screen's path ('' for the index route). */
  segment: string;
  module: string;
  /** Declared inside the signed-in shell, so its first load includes the shell. */
  inShell: boolean;
}

/**
 * The screens of app/router.tsx with a path: each `path: '...'` (or `index: true`) and the import() of
 * the lazy route that follows it. The signed-in shell is the lazy route of the route with id 'signed-in'.
 */
export function routerScreens(webRoot: string): { screens: Screen[]; shell: string | undefined } {
  const router = join(webRoot, 'src', 'app', 'router.tsx');
  const source = readFileSync(router, 'utf8');
  const shellStart = source.indexOf("id: 'signed-in'");
  const shellImport = /id: 'signed-in',[\s\S]*?import\('([^']+)'\)/.exec(source)?.[1];
  const screens: Screen[] = [];
  for (const match of source.matchAll(
    /(?:path: '([^']+)'|index: true),\s*(?:loader: \w+,\s*)?(?:\/\/[^\n]*\s*)*lazy: async \(\) => \(\{\s*Component: \(await import\('([^']+)'\)\)/g,
  )) {
    const [, path = '', specifier = ''] = match;
    screens.push({
      segment: path.split('/')[0] ?? '',
      module: resolveRouterImport(router, specifier),
      inShell: shellStart >= 0 && (match.index ?? 0) > shellStart,
    });
  }
  return { screens, shell: shellImport ? resolveRouterImport(router, shellImport) : undefined };
}

function chunkIn(bundle: Rollup.OutputBundle, fileName: string): Rollup.OutputChunk | undefined {
  const item = bundle[fileName];
  return item?.type === 'chunk' ? item : undefined;
}

/** The preload tags of what a page loads beyond index.html's own: its chunks and their style sheets. */
function preloadTags(
  bundle: Rollup.OutputBundle,
  starts: readonly Rollup.OutputChunk[],
  skip: ReadonlySet<string>,
): string {
  const chunks = [...chunkClosure(starts, (file) => chunkIn(bundle, file))].filter(
    (chunk) => !skip.has(chunk.fileName),
  );
  const files = chunks.map((chunk) => chunk.fileName);
  const css = new Set(chunks.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]));
  return [
    ...files.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
    // As `preload`, not a style sheet: the page renders without waiting for it, and Vite's loader still
    // adds the style sheet when the chunk loads (from the cache by then).
    ...[...css].map((file) => `<link rel="preload" as="style" crossorigin href="/${file}">`),
  ].join('\n    ');
}

/**
 * A copy of index.html per screen, `pages/<first path segment>.html` (`pages/root.html` for `/`), that
 * also preloads the screen's chunks: the screen's lazy route and what it imports, and the signed-in shell
 * for the screens inside it. Without them a phone fetches the entry, runs it, and only then learns which
 * chunks the screen needs: a round trip more before the first paint. The embedded server
 * (apps/api/src/platform/http/spa-fallback.ts) and Nginx (nginx/snippets/shala-server.conf) answer a
 * screen's paths with its page, and any other path with index.html.
 */
export function screenPages(webRoot: string): Plugin {
  return {
    name: 'shala:screen-pages',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html'];
      if (index?.type !== 'asset') this.error('the build has no index.html');
      const html = String(index.source);
      const chunks = Object.values(bundle).filter(
        (item): item is Rollup.OutputChunk => item.type === 'chunk',
      );
      const chunkOf = (moduleId: string): Rollup.OutputChunk => {
        const chunk = chunks.find((c) => c.moduleIds.includes(moduleId));
        if (!chunk) this.error(`no chunk holds ${moduleId}`);
        return chunk;
      };
      const entry = new Set(
        [
          ...chunkClosure(
            chunks.filter((chunk) => chunk.isEntry),
            (file) => chunkIn(bundle, file),
          ),
        ].map((chunk) => chunk.fileName),
      );

      const { screens, shell } = routerScreens(webRoot);
      if (screens.length === 0) this.error('found no screens in app/router.tsx');
      const written = new Set<string>();
      for (const screen of screens) {
        const page = screen.segment === '' ? ROOT_PAGE : screen.segment;
        if (!/^[a-z][a-z0-9-]*$/.test(page))
          this.error(`a screen's path starts with ${page}: not a page name`);
        if (written.has(page)) this.error(`two screens' paths start with ${page}`);
        written.add(page);
        const starts = [chunkOf(screen.module), ...(screen.inShell && shell ? [chunkOf(shell)] : [])];
        const tags = preloadTags(bundle, starts, entry);
        if (!html.includes('</head>')) this.error('index.html has no </head>');
        this.emitFile({
          type: 'asset',
          fileName: `pages/${page}.html`,
          source: html.replace('</head>', `  ${tags}\n  </head>`),
        });
      }
    },
  };
}
