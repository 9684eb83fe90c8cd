import { Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { useCreateSubject, useSubjects } from '../hooks/use-academics';
import { useAcademicsText } from '../i18n';
import { Pending } from './pending';

/** The school's subjects and a form to add one. */
export function SubjectsPanel({ canWrite }: { canWrite: boolean }) {
  const t = useAcademicsText();
  const subjects = useSubjects();
  const create = useCreateSubject();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  return (
    <Pending query={subjects}>
      <Stack gap="md">
        {subjects.data?.length === 0 ? (
          <EmptyState>{t('subjects.empty')}</EmptyState>
        ) : (
          <Table aria-label={t('subjects.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('subjects.code')}</Table.Th>
                <Table.Th>{t('subjects.name')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subjects.data?.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.code}</Table.Td>
                  <Table.Td>{s.name}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canWrite ? (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={t('subjects.code')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              w={120}
            />
            <TextInput
              label={t('subjects.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Button
              disabled={!code.trim() || !name.trim()}
              loading={create.isPending}
              onClick={() =>
                create.mutate(
                  { code: code.trim(), name: name.trim() },
                  {
                    onSuccess: () => {
                      setCode('');
                      setName('');
                    },
                  },
                )
              }
            >
              {t('subjects.add')}
            </Button>
          </Group>
        ) : null}
        {create.isError ? <ApiErrorAlert error={create.error} /> : null}
      </Stack>
    </Pending>
  );
}
