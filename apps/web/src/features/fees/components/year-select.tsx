import { Select } from '@mantine/core';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useAcademicYears } from '../../academics/hooks/use-academics';
import { useFeesText } from '../i18n';

/** The academic year a fee screen works on; picks the current year once the years load. */
export function YearSelect({
  value,
  onChange,
  label,
}: {
  value: string | null;
  onChange: (yearId: string | null) => void;
  label: string;
}) {
  const t = useFeesText();
  const years = useAcademicYears();
  const current = years.data?.find((y) => y.current) ?? years.data?.[0];
  useEffect(() => {
    if (!value && current) onChange(current.id);
  }, [value, current, onChange]);

  if (years.isError) return <ApiErrorAlert error={years.error} />;
  return (
    <Select
      label={label}
      data={(years.data ?? []).map((y) => ({
        value: y.id,
        label: y.current ? t('structures.currentYear', { name: y.name }) : y.name,
      }))}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      w={220}
    />
  );
}

/** The name of a year for messages. */
export function useYearName(yearId: string | null): string {
  const years = useAcademicYears();
  return years.data?.find((y) => y.id === yearId)?.name ?? '';
}
