import { Stack, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled list without bullets or indent (`<ul aria-label>`), for cards stacked on a phone. */
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
