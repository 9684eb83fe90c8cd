import { Anchor, Card, Stack, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useDashboardText } from '../i18n';

interface StatCardProps {
  label: string;
  /** The big number, already formatted. */
  value: string;
  detail?: string;
  /** The list this number counts; the card's link opens it. */
  to?: string;
  testId?: string;
}

/** One question answered by one big number, linking to the list it counts. */
export function StatCard({ label, value, detail, to, testId }: StatCardProps) {
  const t = useDashboardText();
  return (
    <Card component="section" aria-label={label} data-testid={testId} padding="md">
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={500}>
          {label}
        </Text>
        {/* Rupee amounts run long (₹22,52,000.00): they shrink on narrow cards and wrap, never clip. */}
        <Text
          fz={{ base: 28, lg: 26, xl: 32 }}
          fw={700}
          lh={1.1}
          style={{ overflowWrap: 'anywhere' }}
          data-testid={testId ? `${testId}-value` : undefined}
        >
          {value}
        </Text>
        {detail ? (
          <Text size="sm" c="dimmed">
            {detail}
          </Text>
        ) : null}
        {to ? (
          <Anchor component={Link} to={to} size="sm" mt={4} aria-label={`${label}: ${t('open')}`}>
            {t('open')} <IconChevronRight size={14} aria-hidden style={{ verticalAlign: 'middle' }} />
          </Anchor>
        ) : null}
      </Stack>
    </Card>
  );
}
