import { Autocomplete, Loader, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import type { StudentSummary as StudentSearchItem } from '@shala/contracts';
import { useStudentSearch } from '../hooks/use-fees';
import { useFeesText } from '../i18n';

const labelOf = (item: StudentSearchItem) =>
  `${item.fullName} (${item.admissionNo})${
    item.enrolment ? ` · ${item.enrolment.className} ${item.enrolment.sectionName}` : ''
  }`;

/** Finds a student by name or admission number (two letters at least) for the office's fee screens. */
export function StudentPicker({
  onPick,
  description,
}: {
  onPick: (student: StudentSearchItem | null) => void;
  description?: string;
}) {
  const t = useFeesText();
  const [query, setQuery] = useState('');
  // The student picked: while the box shows them (Mantine writes the option's label into it), nothing is
  // searched and no "no match" shows beside them.
  const [picked, setPicked] = useState<StudentSearchItem | null>(null);
  const showsPicked = picked !== null && (query === labelOf(picked) || query === picked.fullName);
  const [debounced] = useDebouncedValue(query, 250);
  const search = useStudentSearch(showsPicked ? '' : debounced);
  const options = search.data ?? [];

  return (
    <Stack gap="xs">
      <Autocomplete
        label={t('collect.search')}
        description={description ?? t('collect.searchHelp')}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
        value={query}
        onChange={(value) => {
          setQuery(value);
          if (!value.trim()) onPick(null);
        }}
        data={options.map((item) => ({ value: item.id, label: labelOf(item) }))}
        filter={({ options: all }) => all}
        onOptionSubmit={(value) => {
          const picked = options.find((item) => item.id === value) ?? null;
          onPick(picked);
          setPicked(picked);
          if (picked) setQuery(picked.fullName);
        }}
      />
      {search.isError ? <ApiErrorAlert error={search.error} /> : null}
      {!showsPicked && debounced.trim().length >= 2 && search.isSuccess && options.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('collect.searchEmpty')}
        </Text>
      ) : null}
    </Stack>
  );
}
