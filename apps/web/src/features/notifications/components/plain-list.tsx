import { Stack, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/** A named list without bullets (a `ul` whose items are cards or rows), so screen readers count it. */
export function PlainList({
  label,
  gap = 'xs',
  children,
}: {
  label: string;
  gap?: MantineSpacing | number;
  children: ReactNode;
}) {
  return (
    <Stack component="ul" gap={gap} p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
      {children}
    </Stack>
  );
}
