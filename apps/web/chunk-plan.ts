import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Rollup } from 'vite';

/**
 * Fewer, larger chunks on each page's first load (issue 18: Lighthouse on a phone).
 *
 * Left to itself Rollup makes one chunk per distinct set of lazy modules that share code: about 200
 * chunks, 15 of them fetched by the sign-in page after the entry and 70 by the teacher's register. Over
 * HTTP/1.1 a browser opens 6 connections to a host and each request costs a round trip, so on a slow phone
 * network those small files cost more than their bytes.
 *
 * The plan is made from a first build with Rollup's own chunks (the only place that knows what
 * tree-shaking kept of a barrel such as `@mantine/core`), by which lazy screens load each chunk:
 * - `sign-in`: every chunk the sign-in screen loads beyond the entry (form fields, react-hook-form, the
 *   error alert), which the other screens mostly use too;
 * - `app`: every other chunk the signed-in shell loads, or at least SHARED_BY screens load;
 * - the rest stays where Rollup puts it: each screen's own code, and whatever is loaded later by import()
 *   (modals, charts, Hindi).
 * A chunk a screen loads imports only chunks that screen loads too, so `sign-in` never imports `app` and
 * the groups cannot form a cycle.
 */

/** A module shared by this many lazy screens' first loads goes into the signed-in pages' shared chunk. */
export const SHARED_BY = 3;

export type ChunkGroup = 'sign-in' | 'app';

/** The file a lazy import of app/router.tsx names: `../routes/fees-route` is `src/routes/fees-route.tsx`. */
export function resolveRouterImport(router: string, specifier: string): string {
  const base = resolve(dirname(router), specifier);
  const file = ['.tsx', '.ts', '/index.tsx', '/index.ts'].map((ext) => base + ext).find(existsSync);
  if (!file) throw new Error(`app/router.tsx imports ${specifier}, which is not a file`);
  return file;
}

/** The router's lazy screens: the modules app/router.tsx loads with import('...'). */
export function screenModules(webRoot: string): string[] {
  const router = join(webRoot, 'src', 'app', 'router.tsx');
  const source = readFileSync(router, 'utf8');
  const specifiers = [...new Set([...source.matchAll(/import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!))];
  return specifiers.map((specifier) => resolveRouterImport(router, specifier));
}

/** The chunks `starts` load before they run: themselves and their static imports, recursively, in visit order. */
export function chunkClosure(
  starts: readonly Rollup.OutputChunk[],
  chunkNamed: (fileName: string) => Rollup.OutputChunk | undefined,
): Set<Rollup.OutputChunk> {
  const seen = new Set<Rollup.OutputChunk>();
  const stack = [...starts];
  while (stack.length > 0) {
    const chunk = stack.pop()!;
    if (seen.has(chunk)) continue;
    seen.add(chunk);
    for (const file of chunk.imports) {
      const imported = chunkNamed(file);
      if (imported) stack.push(imported);
    }
  }
  return seen;
}

/** Which group each module goes to, from the chunks of a build with Rollup's own chunking. */
export function planChunks(
  chunks: readonly Rollup.OutputChunk[],
  screens: readonly string[],
): Map<string, string> {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const closure = (start: Rollup.OutputChunk) => chunkClosure([start], (file) => byFile.get(file));
  const entry = new Set(chunks.filter((chunk) => chunk.isEntry).flatMap((chunk) => [...closure(chunk)]));
  const chunkOf = (moduleId: string): Rollup.OutputChunk => {
    const chunk = chunks.find((c) => c.moduleIds.includes(moduleId));
    if (!chunk) throw new Error(`no chunk holds ${moduleId}`);
    return chunk;
  };
  const login = screens.find((id) => /[\\/]login-route\.tsx$/.test(id));
  const shell = screens.find((id) => /[\\/]app-layout\.tsx$/.test(id));
  const screenChunks = new Set(screens.map(chunkOf));

  const group = new Map<Rollup.OutputChunk, ChunkGroup>();
  if (login) {
    for (const chunk of closure(chunkOf(login))) {
      if (!entry.has(chunk) && !screenChunks.has(chunk)) group.set(chunk, 'sign-in');
    }
  }
  const users = new Map<Rollup.OutputChunk, number>();
  for (const screen of screens) {
    const weight = screen === shell ? SHARED_BY : 1;
    for (const chunk of closure(chunkOf(screen))) {
      if (entry.has(chunk) || screenChunks.has(chunk) || group.has(chunk)) continue;
      users.set(chunk, (users.get(chunk) ?? 0) + weight);
    }
  }
  for (const [chunk, count] of users) if (count >= SHARED_BY) group.set(chunk, 'app');

  // Every module is placed, not only the grouped ones: Rollup would otherwise pull a grouped module's
  // unplaced imports (a barrel's unused members, the entry's modules) into its group. The others keep the
  // chunk the first build gave them: the entry's modules `index` (the entry chunk's own name, so it stays
  // the entry), the rest a name of their own.
  const plan = new Map<string, string>();
  const taken = new Set<string>(['sign-in', 'app']);
  for (const chunk of chunks) {
    let name = group.get(chunk) ?? chunk.name;
    if (!group.has(chunk) && !chunk.isEntry) {
      for (let n = 2; taken.has(name); n += 1) name = `${chunk.name}${n}`;
    }
    taken.add(name);
    for (const id of chunk.moduleIds) plan.set(id, name);
  }
  return plan;
}
