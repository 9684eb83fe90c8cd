import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** Shala indigo: the brand colour, used as the primary colour of every Mantine component. */
const shala: MantineColorsTuple = [
  '#edf2ff',
  '#dbe4ff',
  '#bac8ff',
  '#91a7ff',
  '#748ffc',
  '#5c7cfa',
  '#4c6ef5',
  '#4263eb',
  '#3b5bdb',
  '#364fc7',
];

const systemFonts =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

export const theme = createTheme({
  // People who ask their system for reduced motion get modals, drawers and menus without animation.
  respectReducedMotion: true,
  primaryColor: 'shala',
  primaryShade: { light: 7, dark: 5 },
  colors: { shala },
  fontFamily: systemFonts,
  headings: { fontFamily: systemFonts, fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
    Card: { defaultProps: { radius: 'md', withBorder: true, padding: 'lg' } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
  },
});

/**
 * Text contrast of at least 4.5:1 (WCAG 1.4.3; Lighthouse found less): dimmed text in gray 7 instead of
 * gray 6 (3.3:1 on white), and coloured text and the text of light variants (badges, avatars, light
 * buttons) in the colour's darkest shade, darkened a quarter, instead of shade 6 (2.4:1 for a green badge
 * on its tint).
 */
export const cssVariablesResolver: CSSVariablesResolver = (current) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      Object.keys(current.colors).flatMap((color) => {
        const readable = `color-mix(in srgb, var(--mantine-color-${color}-9), #000 25%)`;
        return [
          [`--mantine-color-${color}-light-color`, readable],
          // Coloured text (`<Text c="red">`): shade 6 is 3.8:1 for red on white.
          [`--mantine-color-${color}-text`, readable],
        ];
      }),
    ),
  },
  dark: {},
});
