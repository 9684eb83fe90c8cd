import { Button, Card, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { Waiting } from './report-parts';

/** A titled card of the fee setup: what is there (loading, failed, empty or the list), then its form. */
export function SetupSection<T>({
  title,
  intro,
  query,
  empty,
  renderList,
  children,
}: {
  title: string;
  intro: string;
  query: UseQueryResult<T[]>;
  empty: string;
  renderList: (items: T[]) => ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
        {query.isPending ? (
          <Waiting />
        ) : query.isError ? (
          <ApiErrorAlert error={query.error} />
        ) : query.data.length === 0 ? (
          <Text size="sm">{empty}</Text>
        ) : (
          renderList(query.data)
        )}
        {children}
      </Stack>
    </Card>
  );
}

/** A segmented control with a visible label that names it for screen readers. */
export function LabelledSegments<V extends string>({
  label,
  value,
  onChange,
  data,
}: {
  label: string;
  value: V;
  onChange: (value: V) => void;
  data: { value: V; label: string }[];
}) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={id} value={value} onChange={(v) => onChange(v as V)} data={data} />
    </Stack>
  );
}

/** The end of a setup form: why the last save failed, if it did, and the add button. */
export function AddFooter({ error, loading, label }: { error: unknown; loading: boolean; label: string }) {
  return (
    <>
      {error ? <ApiErrorAlert error={error} /> : null}
      <Button
        type="submit"
        variant="light"
        w="fit-content"
        loading={loading}
        leftSection={<IconPlus size={16} aria-hidden />}
      >
        {label}
      </Button>
    </>
  );
}
