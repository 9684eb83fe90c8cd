import { Checkbox, Group, Select } from '@mantine/core';

/** The status select ("All" first) and the "Only overdue" box above the privacy lists (requests, grievances). */
export function StatusOverdueFilter<S extends string>({
  statuses,
  status,
  onStatus,
  overdue,
  onOverdue,
  labels,
}: {
  statuses: readonly S[];
  status: S | null;
  onStatus: (status: S | null) => void;
  overdue: boolean;
  onOverdue: (overdue: boolean) => void;
  labels: { status: string; all: string; overdue: string; of: (status: S) => string };
}) {
  return (
    <Group align="flex-end" wrap="wrap" gap="sm">
      <Select
        label={labels.status}
        w={180}
        data={[{ value: '', label: labels.all }, ...statuses.map((s) => ({ value: s, label: labels.of(s) }))]}
        value={status ?? ''}
        onChange={(v) => onStatus(v ? (v as S) : null)}
        allowDeselect={false}
      />
      <Checkbox
        label={labels.overdue}
        checked={overdue}
        onChange={(e) => onOverdue(e.currentTarget.checked)}
        mb={8}
      />
    </Group>
  );
}
