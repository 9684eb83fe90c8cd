import { Badge, Group } from '@mantine/core';
import type { IncidentClockState, IncidentView } from '@shala/contracts';
import { formatDateTime } from '../../../../app/format';
import { usePrivacyIncidentsText } from '../i18n';

const COLOR: Record<IncidentClockState, string> = {
  pending: 'blue',
  overdue: 'red',
  done_on_time: 'green',
  done_late: 'orange',
  not_applicable: 'gray',
};

/** One badge per notification clock: whom, and its state (due by / overdue since / done on time or late). */
export function ClockBadges({ incident }: { incident: IncidentView }) {
  const t = usePrivacyIncidentsText();
  return (
    <Group gap={4} wrap="wrap">
      {incident.clocks.map((c) => (
        <Badge
          key={c.key}
          variant="light"
          color={COLOR[c.state]}
          data-testid={`clock-${c.key}`}
          data-state={c.state}
          style={{ textTransform: 'none' }}
        >
          {t(`clocks.${c.key}`)}: {t(`clockStates.${c.state}`, { date: formatDateTime(c.deadline) })}
        </Badge>
      ))}
    </Group>
  );
}
