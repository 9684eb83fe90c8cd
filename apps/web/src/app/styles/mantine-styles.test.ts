import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import postcss from 'postcss';
import mantinePreset from 'postcss-preset-mantine';
import { describe, expect, it } from 'vitest';
import { missingMantineStyles } from './mantine-styles';

const coreDir = dirname(createRequire(import.meta.url).resolve('@mantine/core/styles.css'));
// Vitest runs from apps/web (vitest.config.ts).
const appDir = join(process.cwd(), 'src', 'app');

/** The Mantine style files a module imports, in order: `Button` for '@mantine/core/styles/Button.css'. */
function importedStyles(file: string): string[] {
  const source = readFileSync(join(appDir, file), 'utf8');
  return [...source.matchAll(/^import '@mantine\/core\/styles\/([^']+)\.css';$/gm)].map((m) => m[1]!);
}

/** Every per-component style file, in the order its rules appear in styles.css (what vite.config.ts builds). */
async function stylesCssOrder(): Promise<string[]> {
  const squash = (css: string) => css.replace(/\s+/g, '');
  const all = squash(readFileSync(join(coreDir, 'styles.css'), 'utf8'));
  const processor = postcss([mantinePreset({ autoRem: true })]);
  const files = readdirSync(join(coreDir, 'styles')).filter(
    (f) => f.endsWith('.css') && !f.endsWith('.layer.css'),
  );
  const positions = await Promise.all(
    files.map(async (file) => {
      const from = join(coreDir, 'styles', file);
      const css = squash((await processor.process(readFileSync(from, 'utf8'), { from })).css);
      return { name: file.replace(/\.css$/, ''), at: all.indexOf(css), length: css.length };
    }),
  );
  expect(positions.filter((p) => p.at < 0).map((p) => p.name)).toEqual([]);
  expect(positions.reduce((sum, p) => sum + p.length, 0)).toBe(all.length);
  return positions.sort((a, b) => a.at - b.at).map((p) => p.name);
}

const classNames = (name: string) =>
  `/x/node_modules/@mantine/core/esm/components/${name}/${name}.module.css.mjs`;
const styles = (name: string) => `/x/node_modules/@mantine/core/styles/${name}.css`;

describe('Mantine styles split between the sign-in page and the rest', () => {
  it('names a component whose code is in the first load without its styles', () => {
    expect(missingMantineStyles([classNames('Button'), styles('Button'), classNames('Tooltip')])).toEqual([
      'Tooltip',
    ]);
  });

  it('accepts a first load that imports the whole of styles.css', () => {
    expect(missingMantineStyles([classNames('Tooltip'), '/x/node_modules/@mantine/core/styles.css'])).toEqual(
      [],
    );
  });

  it('turns each per-component file into exactly its part of styles.css, sizes in rem', async () => {
    // The build's autoRem (vite.config.ts) on each file gives styles.css back, piece by piece.
    expect((await stylesCssOrder()).length).toBeGreaterThan(80);
  });

  it('loads each Mantine style file at most once across the sign-in page, the rest and the toasts, in styles.css order', async () => {
    // Files no page renders are left out; the build fails if a rendered component's are (vite.config.ts).
    const order = await stylesCssOrder();
    const signIn = importedStyles('styles/mantine-sign-in.ts');
    const rest = importedStyles('styles/mantine-rest.ts');
    const toasts = importedStyles('notifications-host.tsx');
    const loaded = [...signIn, ...rest, ...toasts];

    expect(new Set(loaded).size).toBe(loaded.length);
    expect(loaded.filter((name) => !order.includes(name))).toEqual([]);
    expect(signIn.slice(0, 3)).toEqual(['baseline', 'global', 'default-css-variables']);
    expect(signIn).toEqual(order.filter((name) => signIn.includes(name)));
    expect(rest).toEqual(order.filter((name) => rest.includes(name)));
  });
});
