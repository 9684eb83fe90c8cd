import {
  Alert,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  GRIEVANCE_CATEGORIES,
  GRIEVANCE_SUBJECT_MAX,
  GRIEVANCE_TEXT_MAX,
  type GrievanceCategory,
} from '@shala/contracts';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { formatDate } from '../../../../app/format';
import { useCurrentUser } from '../../../auth/hooks/current-user';
import { useGrievanceOfficer, useGrievances, useRaiseGrievance } from '../hooks/use-grievances';
import { usePrivacyGrievancesText } from '../i18n';
import { GrievanceList } from './grievance-list';
import { Loading } from './grievances-panel';

/** Whom grievances go to, and within how many days they are answered. */
function OfficerNotice() {
  const t = usePrivacyGrievancesText();
  const officer = useGrievanceOfficer('my-grievances');
  if (officer.isPending) return <Loading />;
  if (officer.isError) return <ApiErrorAlert error={officer.error} />;
  const o = officer.data;
  return (
    <Stack gap={2} data-testid="grievance-officer">
      <Text size="sm">
        {o.configured ? t('officer.contact', { name: o.name, email: o.email }) : t('officer.notSet')}
      </Text>
      {o.phone ? <Text size="sm">{t('officer.phoneLine', { phone: o.phone })}</Text> : null}
      <Text size="sm" c="dimmed">
        {t('officer.period', { days: o.responseDays })}
      </Text>
    </Stack>
  );
}

/** A parent raises a grievance (optionally about one of their children). */
function RaiseForm({ kids }: { kids: { id: string; label: string }[] }) {
  const t = usePrivacyGrievancesText();
  const timeZone = useCurrentUser().institution.timeZone;
  const raise = useRaiseGrievance();
  const [category, setCategory] = useState<GrievanceCategory>('data_access');
  const [studentId, setStudentId] = useState('');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ subject?: boolean; text?: boolean }>({});
  const [raised, setRaised] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const next = { subject: !subject.trim(), text: !text.trim() };
        setErrors(next);
        if (next.subject || next.text) return;
        raise.mutate(
          {
            category,
            subject: subject.trim(),
            text: text.trim(),
            ...(studentId ? { studentId } : {}),
          },
          {
            onSuccess: (saved) => {
              setRaised(t('raise.raised', { date: formatDate(saved.dueAt, timeZone) }));
              setSubject('');
              setText('');
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('raise.title')}
        </Title>
        <OfficerNotice />
        {raise.error ? <ApiErrorAlert error={raise.error} /> : null}
        {raised ? (
          <Alert color="green" role="status" withCloseButton onClose={() => setRaised(null)}>
            {raised}
          </Alert>
        ) : null}
        {/* one column on a phone, so neither choice is cut short; side by side from sm up */}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('raise.category')}
            data={GRIEVANCE_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
            value={category}
            onChange={(v) => v && setCategory(v as GrievanceCategory)}
            allowDeselect={false}
          />
          <Select
            label={t('raise.child')}
            data={[
              { value: '', label: t('raise.noChild') },
              ...kids.map((k) => ({ value: k.id, label: k.label })),
            ]}
            value={studentId}
            onChange={(v) => setStudentId(v ?? '')}
            allowDeselect={false}
          />
        </SimpleGrid>
        <TextInput
          label={t('raise.subject')}
          required
          maxLength={GRIEVANCE_SUBJECT_MAX}
          value={subject}
          error={errors.subject ? t('raise.subjectRequired') : undefined}
          onChange={(e) => setSubject(e.currentTarget.value)}
        />
        <Textarea
          label={t('raise.text')}
          required
          maxLength={GRIEVANCE_TEXT_MAX}
          value={text}
          error={errors.text ? t('raise.textRequired') : undefined}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={raise.isPending}>
            {t('raise.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "My data" for a parent: raise a grievance and follow their own, with the school's answers. */
export function MyGrievances({ kids }: { kids: { id: string; label: string }[] }) {
  const t = usePrivacyGrievancesText();
  const mine = useGrievances('my-grievances', {});
  return (
    <Stack gap="md" maw={900}>
      <Title order={2} size="h4">
        {t('tab')}
      </Title>
      <Card withBorder>
        <RaiseForm kids={kids} />
      </Card>
      <Card withBorder padding={0}>
        {mine.isPending ? (
          <Loading />
        ) : mine.isError ? (
          <ApiErrorAlert error={mine.error} />
        ) : (
          <GrievanceList rows={mine.data} scope="my-grievances" />
        )}
      </Card>
    </Stack>
  );
}
