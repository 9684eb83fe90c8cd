import { Badge, Box, Button, Card, Group, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { InstitutionStatus, type PlatformInstitutionDto } from '@shala/contracts';
import { IconBuildingBank, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { usePlatformText } from '../i18n';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { formatDate } from '../../../app/format';
import { useInstitutions, useSetInstitutionStatus } from '../hooks/use-institutions';
import { AdminInvitationsModal } from './admin-invitations-modal';
import { ProvisionModal } from './provision-modal';
import { OffboardingSection } from '../offboarding/components/offboarding-section';
import { ResponsiveList } from '../../../app/components/responsive-list';

const statusColor: Record<string, string> = { active: 'teal', suspended: 'orange', terminated: 'gray' };

/** The operator's page (TEN-05): schools as tenant records only; provision, suspend, reactivate. */
export function InstitutionsPanel() {
  const t = usePlatformText();
  const institutions = useInstitutions();
  const setStatus = useSetInstitutionStatus();
  const [provisioning, setProvisioning] = useState(false);
  const [suspending, setSuspending] = useState<PlatformInstitutionDto | null>(null);
  const [inviting, setInviting] = useState<PlatformInstitutionDto | null>(null);

  const closeSuspend = () => {
    setSuspending(null);
    setStatus.reset();
  };
  const reactivate = (institution: PlatformInstitutionDto) =>
    setStatus.mutate(
      { id: institution.id, status: 'active' },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: t('reactivated', { name: institution.name }),
          }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: t('failed'),
            message: toApiProblem(error).message ?? t('errors.title'),
          }),
      },
    );

  const rows = institutions.data?.items ?? [];

  const statusBadge = (institution: PlatformInstitutionDto) => (
    <Badge color={statusColor[institution.status] ?? 'gray'} variant="dot" tt="none">
      {t(`status.${institution.status}`, { defaultValue: institution.status })}
    </Badge>
  );
  const nameCell = (institution: PlatformInstitutionDto) => (
    <>
      <Text size="sm" fw={600}>
        {institution.name}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {institution.slug}
      </Text>
    </>
  );
  const invitationAction = (institution: PlatformInstitutionDto) =>
    institution.status === InstitutionStatus.Terminated ? null : (
      <Button
        size="xs"
        variant="subtle"
        onClick={() => setInviting(institution)}
        aria-label={t('adminInvitations.openLabel', { name: institution.name })}
      >
        {t('adminInvitations.open')}
      </Button>
    );
  const actions = (institution: PlatformInstitutionDto) => (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {invitationAction(institution)}
      {statusAction(institution)}
    </Group>
  );
  const statusAction = (institution: PlatformInstitutionDto) =>
    institution.status === InstitutionStatus.Active ? (
      <Button
        size="xs"
        variant="light"
        color="red"
        onClick={() => setSuspending(institution)}
        aria-label={t('suspendLabel', { name: institution.name })}
      >
        {t('suspend')}
      </Button>
    ) : institution.status === InstitutionStatus.Suspended ? (
      <Button
        size="xs"
        variant="light"
        onClick={() => reactivate(institution)}
        loading={setStatus.isPending && setStatus.variables?.id === institution.id}
        aria-label={t('reactivateLabel', { name: institution.name })}
      >
        {t('reactivate')}
      </Button>
    ) : null;

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setProvisioning(true)}>
          {t('provision')}
        </Button>
      </Group>
      <Card p={0}>
        {institutions.isPending ? (
          <Stack gap="xs" p="md" aria-busy="true">
            {[0, 1, 2].map((row) => (
              <Skeleton key={row} height={44} />
            ))}
          </Stack>
        ) : institutions.isError ? (
          <Stack p="md">
            <ApiErrorAlert error={institutions.error}>
              <Button
                variant="light"
                color="red"
                size="xs"
                mt="sm"
                onClick={() => void institutions.refetch()}
              >
                {t('common.retry')}
              </Button>
            </ApiErrorAlert>
          </Stack>
        ) : rows.length === 0 ? (
          <EmptyState
            icon={IconBuildingBank}
            action={
              <Button variant="light" onClick={() => setProvisioning(true)}>
                {t('provision')}
              </Button>
            }
          >
            {t('empty')}
          </EmptyState>
        ) : (
          <ResponsiveList
            label={t('tableLabel')}
            rows={rows}
            rowKey={(institution) => institution.id}
            rowProps={() => ({ 'data-testid': 'institution-row' })}
            phoneItems="divided"
            minWidth={720}
            tableProps={{ verticalSpacing: 'sm' }}
            columns={[
              { key: 'name', header: t('column.name'), cell: nameCell },
              { key: 'status', header: t('column.status'), cell: statusBadge },
              {
                key: 'timeZone',
                header: t('column.timeZone'),
                cell: (institution) => <Text size="sm">{institution.timeZone}</Text>,
              },
              {
                key: 'currency',
                header: t('column.currency'),
                cell: (institution) => <Text size="sm">{institution.currency}</Text>,
              },
              {
                key: 'created',
                header: t('column.created'),
                cell: (institution) => <Text size="sm">{formatDate(institution.createdAt)}</Text>,
              },
              {
                key: 'actions',
                header: <VisuallyHidden>{t('column.actions')}</VisuallyHidden>,
                align: 'right',
                cell: actions,
              },
            ]}
            card={(institution) => (
              <>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Box miw={0}>{nameCell(institution)}</Box>
                  {statusAction(institution)}
                </Group>
                <Group justify="flex-end">{invitationAction(institution)}</Group>
                <Group gap={6} mt={6}>
                  {statusBadge(institution)}
                  <Text size="xs" c="dimmed">
                    {t('cardLine', {
                      timeZone: institution.timeZone,
                      currency: institution.currency,
                      created: formatDate(institution.createdAt),
                    })}
                  </Text>
                </Group>
              </>
            )}
          />
        )}
      </Card>

      <OffboardingSection schools={rows} />

      <ProvisionModal opened={provisioning} onClose={() => setProvisioning(false)} />
      <AdminInvitationsModal school={inviting} onClose={() => setInviting(null)} />
      <ConfirmModal
        opened={suspending !== null}
        title={suspending ? t('suspendTitle', { name: suspending.name }) : ''}
        confirmLabel={t('suspend')}
        loading={setStatus.isPending}
        error={setStatus.error}
        errorTitle={t('failed')}
        onClose={closeSuspend}
        onConfirm={() => {
          if (!suspending) return;
          const institution = suspending;
          setStatus.mutate(
            { id: institution.id, status: 'suspended' },
            {
              onSuccess: () => {
                closeSuspend();
                notifications.show({
                  color: 'teal',
                  message: t('suspended', { name: institution.name }),
                });
              },
            },
          );
        }}
      >
        {suspending ? t('suspendBody', { name: suspending.name }) : ''}
      </ConfirmModal>
    </Stack>
  );
}
