import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The module folders, lowest layer first. A module may import modules of lower layers only; modules on
 * one layer may import each other as long as no cycle forms. Whoever adds a folder places it here.
 *
 * Why this order: audit and the notification outbox are written by everyone; users are rows and
 * credentials; access (roles, grants, accounts with roles) is above users; notifications finds guardians
 * through students, and auth sends its mails through the outbox, so auth sits above them; user
 * administration and provisioning act through auth (invitations, sessions) and sit on top.
 */
const MODULE_LAYERS: readonly (readonly string[])[] = [
  ['institutions'],
  ['audit'],
  ['users'],
  ['access'],
  ['academics'],
  ['students'],
  ['notifications'],
  ['auth', 'attendance', 'fees', 'exams', 'timetable', 'circulars'],
  ['user-admin', 'provisioning', 'school-settings', 'dashboards', 'privacy', 'calendar'],
];

interface SourceFile {
  /** Path relative to the modules folder, with `/`: `users/users.service.ts`. */
  path: string;
  source: string;
}

interface Edge {
  from: string;
  to: string;
  file: string;
  specifier: string;
}

/** Imports (static, dynamic, re-exports, require) of `file` that land in another module folder. */
function crossModuleImports(file: SourceFile): Edge[] {
  const from = file.path.split('/')[0]!;
  return ts.preProcessFile(file.source, true, true).importedFiles.flatMap(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return [];
    const target = relative('/m', resolve('/m', dirname(file.path), specifier))
      .split(sep)
      .join('/');
    if (target.startsWith('..')) return []; // platform, seed, ...
    const to = target.split('/')[0]!;
    return to === from ? [] : [{ from, to, file: file.path, specifier }];
  });
}

/** Every import that breaks the layers, one readable line each; empty when the layering holds. */
function layerViolations(files: SourceFile[], layers: readonly (readonly string[])[]): string[] {
  const layerOf = new Map(layers.flatMap((names, i) => names.map((name) => [name, i] as const)));
  const problems: string[] = [];
  const folders = new Set(files.map((f) => f.path.split('/')[0]!));
  for (const folder of folders)
    if (!layerOf.has(folder)) problems.push(`module folder ${folder} is not in the layer list`);
  const sameLayer: Edge[] = [];
  for (const edge of files.flatMap(crossModuleImports)) {
    const from = layerOf.get(edge.from);
    const to = layerOf.get(edge.to);
    if (from === undefined) continue; // reported above
    if (to === undefined)
      problems.push(`${edge.file} imports '${edge.specifier}': ${edge.to} is not a module`);
    else if (to > from)
      problems.push(
        `${edge.file} imports '${edge.specifier}': ${edge.to} (layer ${to}) is above ${edge.from} (layer ${from})`,
      );
    else if (to === from) sameLayer.push(edge);
  }
  // Same layer: allowed unless the imports between those modules go round in a cycle. Depth-first from
  // each module; `stack` holds the edges walked, `modules` the modules on them (the layers are small).
  const next = new Map<string, Edge[]>();
  for (const e of sameLayer) next.set(e.from, [...(next.get(e.from) ?? []), e]);
  const reported = new Set<string>();
  const visit = (stack: Edge[], modules: string[]): void => {
    for (const e of next.get(modules.at(-1)!) ?? []) {
      const back = modules.indexOf(e.to);
      if (back < 0) {
        visit([...stack, e], [...modules, e.to]);
        continue;
      }
      const cycle = [...stack.slice(back), e];
      const key = cycle
        .map((c) => c.from)
        .sort()
        .join(' ');
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push(
        `import cycle on one layer: ${cycle.map((c) => `${c.file} imports '${c.specifier}'`).join(', ')}`,
      );
    }
  };
  for (const module of next.keys()) visit([], [module]);
  return problems;
}

const modulesDir = __dirname;
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

describe('module layers', () => {
  it('no module imports a module above it, and modules on one layer form no cycle', () => {
    const files = walk(modulesDir)
      .filter((f) => f.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(f))
      .map((f) => ({
        path: relative(modulesDir, f).split(sep).join('/'),
        source: readFileSync(f, 'utf8'),
      }));
    expect(files.length).toBeGreaterThan(100);
    expect(layerViolations(files, MODULE_LAYERS)).toEqual([]);
  });

  it('lists every module folder once, and only folders that exist', () => {
    const folders = readdirSync(modulesDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect([...MODULE_LAYERS.flat()].sort()).toEqual(folders);
  });

  it('names the file and the import of an upward import, a cycle on one layer and an unlisted folder', () => {
    const layers = [['low'], ['mid-a', 'mid-b'], ['top']];
    expect(
      layerViolations(
        [
          { path: 'low/low.service.ts', source: "import { Top } from '../top/top.service';" },
          { path: 'low/dto/x.dto.ts', source: "export { Y } from '../../top/y';" },
          { path: 'mid-a/a.ts', source: "import { B } from '../mid-b/b';\nimport { L } from '../low/l';" },
          { path: 'mid-b/b.ts', source: "import type { A } from '../mid-a/a';" },
          { path: 'top/top.service.ts', source: "const m = () => import('../mid-a/a');" },
          { path: 'stray/s.ts', source: "import { x } from '../../platform/x';" },
        ],
        layers,
      ),
    ).toEqual([
      'module folder stray is not in the layer list',
      "low/low.service.ts imports '../top/top.service': top (layer 2) is above low (layer 0)",
      "low/dto/x.dto.ts imports '../../top/y': top (layer 2) is above low (layer 0)",
      "import cycle on one layer: mid-a/a.ts imports '../mid-b/b', mid-b/b.ts imports '../mid-a/a'",
    ]);
  });

  it('allows same-layer imports that form no cycle, and imports of platform code', () => {
    expect(
      layerViolations(
        [
          { path: 'a/a.ts', source: "import { B } from '../b/b';\nimport { D } from '../../platform/db';" },
          { path: 'b/b.ts', source: "import { x } from './x';" },
        ],
        [['a', 'b']],
      ),
    ).toEqual([]);
  });
});
