import {
  ActionIcon,
  Button,
  Center,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { Permission, type CalendarItemView } from '@shala/contracts';
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { formatSchoolDate, monthRange, schoolToday } from '../../../app/school-date';
import { usePhoneLayout } from '../../../app/use-phone-layout';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { useCalendarItems, useRemoveCalendarEvent } from '../api/calendar.api';
import { useCalendarText } from '../i18n';
import { addMonths, monthName, monthOf, onDate } from './calendar-dates';
import { CalendarItemCard } from './calendar-item-card';
import { EventFormModal } from './event-form';
import { FeedPanel } from './feed-panel';
import { MonthGrid } from './month-grid';

type View = 'month' | 'agenda';

/** The school calendar: a month grid or an agenda list, for everyone; events and the feed for admins. */
export function CalendarPage() {
  const t = useCalendarText();
  const phone = usePhoneLayout();
  const canManage = useCan(Permission.CalendarManage);
  const today = schoolToday(useCurrentUser().institution.timeZone);
  const [month, setMonth] = useState(monthOf(today));
  const [selected, setSelected] = useState(today);
  const [view, setView] = useState<View | null>(null);
  const [editing, setEditing] = useState<CalendarItemView | 'new' | null>(null);
  const [removing, setRemoving] = useState<CalendarItemView | null>(null);
  const remove = useRemoveCalendarEvent();
  const shown: View = view ?? (phone ? 'agenda' : 'month');
  const { from, to } = monthRange(month);
  const items = useCalendarItems(from, to);
  const list = items.data ?? [];

  const goMonth = (next: string) => {
    setMonth(next);
    setSelected(next === monthOf(today) ? today : `${next}-01`);
  };
  const select = (date: string) => {
    setSelected(date);
    if (monthOf(date) !== month) setMonth(monthOf(date));
  };
  const actions = canManage
    ? { onEdit: (i: CalendarItemView) => setEditing(i), onRemove: (i: CalendarItemView) => setRemoving(i) }
    : {};
  const dayItems = list.filter((i) => onDate(i, selected));

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('form.add')}
            </Button>
          ) : null
        }
      />
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('month.previous')}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('month.previous')}
              onClick={() => goMonth(addMonths(month, -1))}
            >
              <IconChevronLeft size={18} />
            </ActionIcon>
          </Tooltip>
          <Title order={2} size="h4" miw={140} ta="center" aria-live="polite">
            {monthName(month)}
          </Title>
          <Tooltip label={t('month.next')}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('month.next')}
              onClick={() => goMonth(addMonths(month, 1))}
            >
              <IconChevronRight size={18} />
            </ActionIcon>
          </Tooltip>
          <Button variant="subtle" onClick={() => goMonth(monthOf(today))}>
            {t('month.today')}
          </Button>
        </Group>
        <SegmentedControl
          aria-label={t('views.label')}
          value={shown}
          onChange={(v) => setView(v as View)}
          data={[
            { value: 'month', label: t('views.month') },
            { value: 'agenda', label: t('views.agenda') },
          ]}
        />
      </Group>
      {items.error ? <ApiErrorAlert error={items.error} /> : null}
      {items.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('title')} />
        </Center>
      ) : shown === 'month' ? (
        <Stack gap="md">
          <MonthGrid
            month={month}
            items={list}
            today={today}
            selected={selected}
            onSelect={select}
            compact={phone}
          />
          <Stack gap="xs" component="section" aria-labelledby="calendar-day-title">
            <Title order={3} size="h5" id="calendar-day-title">
              {t('month.selectedDay', { date: formatSchoolDate(selected) })}
            </Title>
            {dayItems.length ? (
              <Stack gap="xs" component="ul" p={0} m={0}>
                {dayItems.map((i) => (
                  <CalendarItemCard key={i.key} item={i} {...actions} />
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {t('month.nothingThatDay')}
              </Text>
            )}
          </Stack>
        </Stack>
      ) : list.length ? (
        <Stack
          gap="xs"
          component="ul"
          p={0}
          m={0}
          aria-label={t('agenda.label', { month: monthName(month) })}
        >
          {list.map((i) => (
            <CalendarItemCard key={i.key} item={i} {...actions} />
          ))}
        </Stack>
      ) : (
        <EmptyState>{canManage ? t('agenda.emptyAdmin') : t('agenda.empty')}</EmptyState>
      )}
      {canManage ? <FeedPanel /> : null}
      {editing ? (
        <EventFormModal
          item={editing === 'new' ? null : editing}
          date={monthOf(selected) === month ? selected : from}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmModal
        opened={removing !== null}
        title={t('remove.title')}
        confirmLabel={t('remove.confirm')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        onClose={() => setRemoving(null)}
      >
        {t('remove.body', { title: removing?.title ?? '' })}
      </ConfirmModal>
    </Stack>
  );
}
