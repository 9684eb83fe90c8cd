import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import {
  useClasses,
  useCreateClass,
  useCreateSection,
  useTeachers,
  useUpdateSection,
} from '../hooks/use-academics';
import { useAcademicsText } from '../i18n';
import { Pending } from './pending';

/** Classes with their sections and class teachers; adding a class or a section. */
export function ClassesPanel({ canWrite }: { canWrite: boolean }) {
  const t = useAcademicsText();
  const classes = useClasses();
  const teachers = useTeachers(canWrite);
  const updateSection = useUpdateSection();
  const createClass = useCreateClass();
  const createSection = useCreateSection();
  const [className, setClassName] = useState('');
  const [ordinal, setOrdinal] = useState('');
  const [newSection, setNewSection] = useState<Record<string, string>>({});
  const teacherOptions = (teachers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  const teacherName = (id: string | null) =>
    teachers.data?.find((u) => u.id === id)?.displayName ?? t('classes.noTeacher');

  return (
    <Pending query={classes}>
      <Stack gap="md">
        {classes.data?.length === 0 ? <EmptyState>{t('classes.empty')}</EmptyState> : null}
        {classes.data?.map((cls) => (
          <Card key={cls.id} withBorder component="section" aria-label={cls.name}>
            <Title order={2} size="h4" mb="xs">
              {cls.name}
            </Title>
            {cls.sections.length === 0 ? <Text c="dimmed">{t('classes.noSections')}</Text> : null}
            <Stack gap="xs">
              {cls.sections.map((section) => (
                <Group key={section.id} gap="sm" wrap="wrap" align="flex-end">
                  <Text fw={600} miw={80} style={{ whiteSpace: 'nowrap' }}>
                    {cls.name} {section.name}
                  </Text>
                  {canWrite ? (
                    <Select
                      label={t('classes.classTeacher', { name: `${cls.name} ${section.name}` })}
                      data={teacherOptions}
                      value={section.classTeacherUserId}
                      onChange={(value) =>
                        updateSection.mutate({ id: section.id, classTeacherUserId: value })
                      }
                      clearable
                      searchable
                      placeholder={t('classes.noTeacher')}
                      style={{ flex: '1 1 14rem' }}
                    />
                  ) : (
                    <Text size="sm">{teacherName(section.classTeacherUserId)}</Text>
                  )}
                </Group>
              ))}
              {canWrite ? (
                <Group gap="sm" align="flex-end">
                  <TextInput
                    label={t('classes.sectionName')}
                    value={newSection[cls.id] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setNewSection((s) => ({ ...s, [cls.id]: value }));
                    }}
                    w={140}
                  />
                  <Button
                    variant="light"
                    disabled={!newSection[cls.id]?.trim()}
                    loading={createSection.isPending}
                    onClick={() =>
                      createSection.mutate(
                        { classId: cls.id, name: (newSection[cls.id] ?? '').trim() },
                        { onSuccess: () => setNewSection((s) => ({ ...s, [cls.id]: '' })) },
                      )
                    }
                  >
                    {t('classes.addSection')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Card>
        ))}
        {updateSection.isError ? <ApiErrorAlert error={updateSection.error} /> : null}
        {createSection.isError ? <ApiErrorAlert error={createSection.error} /> : null}
        {canWrite ? (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={t('classes.className')}
              value={className}
              onChange={(e) => setClassName(e.currentTarget.value)}
            />
            <TextInput
              label={t('classes.ordinal')}
              inputMode="numeric"
              value={ordinal}
              onChange={(e) => setOrdinal(e.currentTarget.value)}
              w={100}
            />
            <Button
              disabled={!className.trim() || !/^\d+$/.test(ordinal)}
              loading={createClass.isPending}
              onClick={() =>
                createClass.mutate(
                  { name: className.trim(), ordinal: Number(ordinal) },
                  {
                    onSuccess: () => {
                      setClassName('');
                      setOrdinal('');
                    },
                  },
                )
              }
            >
              {t('classes.addClass')}
            </Button>
          </Group>
        ) : null}
        {createClass.isError ? <ApiErrorAlert error={createClass.error} /> : null}
      </Stack>
    </Pending>
  );
}
