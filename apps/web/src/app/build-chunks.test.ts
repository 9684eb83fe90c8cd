import { join } from 'node:path';
import type { Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { planChunks, screenModules } from '../../chunk-plan';
import { routerScreens } from '../../screen-pages';

const webRoot = join(__dirname, '..', '..');

/** A chunk of a first build, as much of Rollup's OutputChunk as the plan reads. */
function chunk(
  name: string,
  moduleIds: string[],
  imports: string[] = [],
  isEntry = false,
): Rollup.OutputChunk {
  return { name, fileName: `${name}.js`, moduleIds, imports, isEntry } as unknown as Rollup.OutputChunk;
}

describe('the chunk plan of the web build', () => {
  const screens = ['/src/routes/login-route.tsx', '/src/routes/app-layout.tsx', '/a.tsx', '/b.tsx', '/c.tsx'];
  const chunks = [
    chunk('index', ['/main.tsx'], ['react.js'], true),
    chunk('react', ['/preact.js']),
    chunk('login-route', ['/src/routes/login-route.tsx'], ['index.js', 'InputBase.js']),
    chunk('InputBase', ['/input-base.tsx'], ['index.js']),
    chunk('app-layout', ['/src/routes/app-layout.tsx'], ['InputBase.js', 'Menu.js']),
    chunk('Menu', ['/menu.tsx'], ['Popover.js']),
    chunk('Popover', ['/popover.tsx']),
    chunk('a', ['/a.tsx'], ['Table.js', 'Chart.js']),
    chunk('b', ['/b.tsx'], ['Table.js', 'Chart.js']),
    chunk('c', ['/c.tsx'], ['Table.js']),
    chunk('Table', ['/table.tsx']),
    chunk('Chart', ['/chart.tsx']),
    chunk('Hindi', ['/resources.hi.ts']),
  ];
  const plan = planChunks(chunks, screens);

  it("puts what the sign-in screen loads beyond the entry into `sign-in`, and the shell's into `app`", () => {
    expect(plan.get('/input-base.tsx')).toBe('sign-in');
    expect(plan.get('/menu.tsx')).toBe('app');
    expect(plan.get('/popover.tsx')).toBe('app');
  });

  it('groups what three screens share, and leaves what two share where it was', () => {
    expect(plan.get('/table.tsx')).toBe('app');
    expect(plan.get('/chart.tsx')).toBe('Chart');
  });

  it("keeps the entry, each screen's own chunk and lazy-only chunks as they were", () => {
    expect(plan.get('/main.tsx')).toBe('index');
    expect(plan.get('/src/routes/login-route.tsx')).toBe('login-route');
    expect(plan.get('/a.tsx')).toBe('a');
    expect(plan.get('/resources.hi.ts')).toBe('Hindi');
  });

  it('places every module of the first build, so Rollup pulls none into a group', () => {
    expect([...plan.keys()].sort()).toEqual(chunks.flatMap((c) => c.moduleIds).sort());
  });
});

describe("the web build's page per screen", () => {
  it('finds a path for every lazy screen of the router but the signed-in shell', () => {
    const { screens, shell } = routerScreens(webRoot);
    const lazy = screenModules(webRoot).filter((module) => module !== shell);
    expect(shell).toMatch(/app-layout\.tsx$/);
    expect(screens.map((s) => s.module).sort()).toEqual([...lazy].sort());
    expect(screens.find((s) => s.segment === '')?.module).toMatch(/dashboard-route\.tsx$/);
    expect(screens.find((s) => s.segment === 'login')?.inShell).toBe(false);
    expect(screens.find((s) => s.segment === 'attendance')?.inShell).toBe(true);
    const segments = screens.map((s) => s.segment);
    expect(new Set(segments).size).toBe(segments.length);
  });
});
