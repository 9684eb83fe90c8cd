import {
  Alert,
  Button,
  Card,
  Center,
  Group,
  Loader,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  GRIEVANCE_RESPONSE_DAYS_MAX,
  GRIEVANCE_STATUSES,
  type GrievanceOfficerView,
  type GrievanceStatus,
} from '@shala/contracts';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { useGrievanceOfficer, useGrievances, useUpdateGrievanceOfficer } from '../hooks/use-grievances';
import { usePrivacyGrievancesText } from '../i18n';
import { GrievanceList } from './grievance-list';
import { StatusOverdueFilter } from '../../components/status-overdue-filter';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const Loading = () => (
  <Center py="md" role="status">
    <Loader size="sm" />
  </Center>
);

/** The officer's name, contact and response period, as parents will see them. */
function OfficerForm({ officer }: { officer: GrievanceOfficerView }) {
  const t = usePrivacyGrievancesText();
  const save = useUpdateGrievanceOfficer();
  const [name, setName] = useState(officer.name ?? '');
  const [email, setEmail] = useState(officer.email ?? '');
  const [phone, setPhone] = useState(officer.phone ?? '');
  const [days, setDays] = useState<number | string>(officer.responseDays);
  const [errors, setErrors] = useState<{ name?: boolean; email?: boolean; days?: boolean }>({});
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const n = typeof days === 'number' ? days : Number(days);
        const next = {
          name: !name.trim(),
          email: !EMAIL.test(email.trim()),
          days: !Number.isInteger(n) || n < 1 || n > GRIEVANCE_RESPONSE_DAYS_MAX,
        };
        setErrors(next);
        if (next.name || next.email || next.days) return;
        save.mutate({
          name: name.trim(),
          email: email.trim(),
          phone: phone.trim() || null,
          responseDays: n,
        });
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('officer.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('officer.intro')}
        </Text>
        {save.error ? <ApiErrorAlert error={save.error} /> : null}
        {save.isSuccess ? (
          <Alert color="green" role="status">
            {t('officer.saved')}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('officer.name')}
            required
            maxLength={120}
            value={name}
            error={errors.name ? t('officer.nameRequired') : undefined}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label={t('officer.email')}
            type="email"
            required
            maxLength={254}
            value={email}
            error={errors.email ? t('officer.emailInvalid') : undefined}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <TextInput
            label={t('officer.phone')}
            maxLength={32}
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
          <NumberInput
            label={t('officer.responseDays')}
            required
            min={1}
            max={GRIEVANCE_RESPONSE_DAYS_MAX}
            allowDecimal={false}
            clampBehavior="none"
            value={days}
            error={errors.days ? t('officer.responseDaysInvalid') : undefined}
            onChange={setDays}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('officer.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Staff: the school's grievances (due dates, overdue badges, answers) and its grievance officer. */
export function GrievancesPanel() {
  const t = usePrivacyGrievancesText();
  const [status, setStatus] = useState<GrievanceStatus | null>(null);
  const [overdue, setOverdue] = useState(false);
  const grievances = useGrievances('grievances', { status: status ?? undefined, overdue });
  const officer = useGrievanceOfficer('grievances');
  return (
    <Stack gap="md">
      <StatusOverdueFilter
        statuses={GRIEVANCE_STATUSES}
        status={status}
        onStatus={setStatus}
        overdue={overdue}
        onOverdue={setOverdue}
        labels={{
          status: t('list.filterStatus'),
          all: t('list.allStatuses'),
          overdue: t('list.onlyOverdue'),
          of: (s) => t(`statuses.${s}`),
        }}
      />
      <Card withBorder padding={0}>
        {grievances.isPending ? (
          <Loading />
        ) : grievances.isError ? (
          <ApiErrorAlert error={grievances.error} />
        ) : (
          <GrievanceList rows={grievances.data} scope="grievances" />
        )}
      </Card>
      <Card withBorder>
        {officer.isPending ? (
          <Loading />
        ) : officer.isError ? (
          <ApiErrorAlert error={officer.error} />
        ) : (
          <OfficerForm officer={officer.data} />
        )}
      </Card>
    </Stack>
  );
}
