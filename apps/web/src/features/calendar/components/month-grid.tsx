import { Box, Group, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { CalendarItemView } from '@shala/contracts';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { formatSchoolDate } from '../../../app/school-date';
import { useCalendarText } from '../i18n';
import { addDays, monthName, monthOf, monthWeeks, onDate, weekdayNames } from './calendar-dates';
import { TYPE_COLOR } from './calendar-item-card';
import classes from './month-grid.module.css';

const MOVES: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/**
 * A month as a grid of days (Monday first). One day holds the focus at a time (roving tabindex): the arrow
 * keys move it, Home and End go to the week's ends, Enter or a tap selects the day. On a phone each day
 * shows coloured dots; wider, the first titles.
 */
export function MonthGrid({
  month,
  items,
  today,
  selected,
  onSelect,
  compact,
}: {
  month: string;
  items: CalendarItemView[];
  today: string;
  selected: string;
  onSelect: (date: string) => void;
  compact: boolean;
}) {
  const t = useCalendarText();
  const weeks = monthWeeks(month);
  const names = weekdayNames();
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const focusNext = useRef(false);

  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    refs.current.get(selected)?.focus();
  }, [selected]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, date: string) => {
    let next: string | null = null;
    if (event.key in MOVES) next = addDays(date, MOVES[event.key]!);
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
    if (event.key === 'Home') next = addDays(date, -weekday);
    if (event.key === 'End') next = addDays(date, 6 - weekday);
    if (!next) return;
    event.preventDefault();
    focusNext.current = true;
    onSelect(next);
  };

  return (
    <Box>
      <VisuallyHidden id="month-grid-hint">{t('month.keyboardHint')}</VisuallyHidden>
      <table
        className={classes.grid}
        role="grid"
        aria-label={t('month.gridLabel', { month: monthName(month) })}
        aria-describedby="month-grid-hint"
      >
        <thead>
          <tr>
            {names.map((n) => (
              <th key={n} scope="col" className={classes.head}>
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((date) => {
                const dayItems = items.filter((i) => onDate(i, date));
                const outside = monthOf(date) !== month;
                const isSelected = date === selected;
                return (
                  <td key={date} role="gridcell" aria-selected={isSelected} className={classes.cell}>
                    <UnstyledButton
                      ref={(el: HTMLButtonElement | null) => {
                        if (el) refs.current.set(date, el);
                        else refs.current.delete(date);
                      }}
                      className={classes.day}
                      data-outside={outside || undefined}
                      data-selected={isSelected || undefined}
                      data-today={date === today || undefined}
                      tabIndex={isSelected ? 0 : -1}
                      aria-label={t('month.dayLabel', {
                        date: formatSchoolDate(date),
                        count: dayItems.length,
                      })}
                      aria-current={date === today ? 'date' : undefined}
                      onClick={() => onSelect(date)}
                      onKeyDown={(e) => onKeyDown(e, date)}
                      data-testid={`day-${date}`}
                    >
                      <Text size="sm" fw={date === today ? 700 : 400} className={classes.number}>
                        {Number(date.slice(8))}
                      </Text>
                      {compact ? (
                        <Group gap={2} justify="center" aria-hidden>
                          {dayItems.slice(0, 3).map((i) => (
                            <span
                              key={i.key}
                              className={classes.dot}
                              style={{ background: `var(--mantine-color-${TYPE_COLOR[i.type]}-6)` }}
                            />
                          ))}
                        </Group>
                      ) : (
                        <Box aria-hidden>
                          {dayItems.slice(0, 2).map((i) => (
                            <Text
                              key={i.key}
                              size="xs"
                              truncate
                              className={classes.chip}
                              style={{ borderLeftColor: `var(--mantine-color-${TYPE_COLOR[i.type]}-6)` }}
                            >
                              {i.title}
                            </Text>
                          ))}
                          {dayItems.length > 2 ? (
                            <Text size="xs" c="dimmed">
                              {t('month.more', { count: dayItems.length - 2 })}
                            </Text>
                          ) : null}
                        </Box>
                      )}
                    </UnstyledButton>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}
