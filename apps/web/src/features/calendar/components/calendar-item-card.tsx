import { ActionIcon, Badge, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { CalendarEventType, CalendarItemView } from '@shala/contracts';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { formatSchoolDate } from '../../../app/school-date';
import { useCalendarText } from '../i18n';

export const TYPE_COLOR: Record<CalendarEventType, string> = {
  exam: 'grape',
  holiday: 'green',
  meeting: 'blue',
  function: 'orange',
  other: 'gray',
};

/** One calendar entry: type, title, when, for whom, and edit/remove for events the caller may change. */
export function CalendarItemCard({
  item,
  onEdit,
  onRemove,
}: {
  item: CalendarItemView;
  onEdit?: (item: CalendarItemView) => void;
  onRemove?: (item: CalendarItemView) => void;
}) {
  const t = useCalendarText();
  const when = [
    item.startsOn === item.endsOn
      ? formatSchoolDate(item.startsOn)
      : t('item.range', { from: formatSchoolDate(item.startsOn), to: formatSchoolDate(item.endsOn) }),
    item.allDay || !item.startTime || !item.endTime
      ? t('item.allDay')
      : t('item.time', { from: item.startTime, to: item.endTime }),
  ].join(' · ');
  const audience =
    item.audience === 'school' ? t('item.wholeSchool') : item.targets.map((x) => x.label).join(', ');
  return (
    <Card withBorder padding="sm" component="li" data-testid="calendar-item" style={{ listStyle: 'none' }}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={4} miw={0}>
          <Group gap="xs">
            <Badge color={TYPE_COLOR[item.type]} variant="light">
              {t(`types.${item.type}`)}
            </Badge>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {item.title}
            </Text>
          </Group>
          <Text size="sm">{when}</Text>
          <Text size="sm" c="dimmed">
            {audience}
            {item.source === 'holiday' ? ` · ${t('item.fromAttendance')}` : null}
            {item.source === 'exam' ? ` · ${t('item.fromExams')}` : null}
          </Text>
          {item.description ? (
            <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {item.description}
            </Text>
          ) : null}
        </Stack>
        {item.editable && (onEdit || onRemove) ? (
          <Group gap={4} wrap="nowrap">
            {onEdit ? (
              <Tooltip label={t('item.edit')}>
                <ActionIcon
                  variant="subtle"
                  size="lg"
                  aria-label={t('item.editTitle', { title: item.title })}
                  onClick={() => onEdit(item)}
                >
                  <IconPencil size={18} />
                </ActionIcon>
              </Tooltip>
            ) : null}
            {onRemove ? (
              <Tooltip label={t('item.remove')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('item.removeTitle', { title: item.title })}
                  onClick={() => onRemove(item)}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Tooltip>
            ) : null}
          </Group>
        ) : null}
      </Group>
    </Card>
  );
}
