import { Stack, Text, ThemeIcon } from '@mantine/core';
import { IconInbox, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Nothing to show yet: says what to do next, and offers the action that does it. */
export function EmptyState({
  icon: IconComponent = IconInbox,
  children,
  action,
}: {
  icon?: Icon;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Stack align="center" gap="sm" py="xl" px="md" ta="center" data-testid="empty-state">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconComponent size={24} aria-hidden />
      </ThemeIcon>
      <Text maw={460} c="dimmed">
        {children}
      </Text>
      {action}
    </Stack>
  );
}
