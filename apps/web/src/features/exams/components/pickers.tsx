import { Select } from '@mantine/core';
import type { ExamStructureView } from '@shala/contracts';
import type { SectionOption } from '../hooks/use-lookups';
import { useExamsText } from '../i18n';

const flex = { flex: '1 1 12rem' };

export function TermSelect({
  structure,
  value,
  onChange,
}: {
  structure: ExamStructureView;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const t = useExamsText();
  return (
    <Select
      label={t('pick.term')}
      data={structure.terms.map((term) => ({ value: term.id, label: term.name }))}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      style={flex}
    />
  );
}

export function SectionSelect({
  sections,
  value,
  onChange,
}: {
  sections: SectionOption[];
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const t = useExamsText();
  return (
    <Select
      label={t('pick.section')}
      data={sections.map((s) => ({ value: s.id, label: s.label }))}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      searchable
      style={flex}
    />
  );
}

/** A number as the API gave it, with at most two decimals ("91.25", "40"). */
export function decimal(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, '');
}

export function ClassSelect({
  classes,
  value,
  onChange,
}: {
  classes: { id: string; name: string }[];
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const t = useExamsText();
  return (
    <Select
      label={t('pick.class')}
      data={classes.map((c) => ({ value: c.id, label: c.name }))}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      searchable
      style={flex}
    />
  );
}

/** A percentage as the API gave it ("62.35%"), or a dash when there is none. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${decimal(value)}%`;
}
