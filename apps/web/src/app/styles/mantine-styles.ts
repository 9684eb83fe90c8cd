/**
 * Which Mantine styles a set of bundled modules lacks. Each Mantine component module that has styles
 * imports its class names from `<Name>.module.css.mjs`; its rules are in `@mantine/core/styles/<Name>.css`
 * (or in the all-in-one `styles.css`). The build (vite.config.ts) runs this over the sign-in page's first
 * load, so a component added to that page without its styles (app/styles/mantine-sign-in.ts) fails the
 * build instead of rendering unstyled. No imports: vite.config.ts loads this file too.
 */
const CLASS_NAMES = /[\\/]@mantine[\\/]core[\\/]esm[\\/].*[\\/]([^\\/]+)\.module\.css\.mjs$/;
const COMPONENT_STYLES = /[\\/]@mantine[\\/]core[\\/]styles[\\/]([^\\/]+)\.css$/;
const ALL_STYLES = /[\\/]@mantine[\\/]core[\\/]styles\.css$/;

/** The names (e.g. `Button`) of the components whose code is among `moduleIds` but whose styles are not. */
export function missingMantineStyles(moduleIds: Iterable<string>): string[] {
  const rendered = new Set<string>();
  const styled = new Set<string>();
  let everything = false;
  for (const id of moduleIds) {
    const file = id.split('?')[0] ?? id;
    if (ALL_STYLES.test(file)) everything = true;
    const component = CLASS_NAMES.exec(file)?.[1];
    if (component) rendered.add(component);
    const styles = COMPONENT_STYLES.exec(file)?.[1];
    if (styles) styled.add(styles);
  }
  return everything ? [] : [...rendered].filter((name) => !styled.has(name)).sort();
}
