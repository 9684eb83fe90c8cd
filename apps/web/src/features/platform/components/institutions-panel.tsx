import { Badge, Box, Button, Card, Group, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { InstitutionStatus, type PlatformInstitutionDto } from '@shala/contracts';
import { IconBuildingBank, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { formatDate } from '../../../app/format';
import { usePhoneLayout } from '../../../app/use-phone-layout';
import { useInstitutions, useSetInstitutionStatus } from '../hooks/use-institutions';
import { ProvisionModal } from './provision-modal';

const statusColor: Record<string, string> = { active: 'teal', suspended: 'orange', terminated: 'gray' };

/** The operator's page (TEN-05): schools as tenant records only; provision, suspend, reactivate. */
export function InstitutionsPanel() {
  const { t } = useTranslation();
  const institutions = useInstitutions();
  const setStatus = useSetInstitutionStatus();
  const [provisioning, setProvisioning] = useState(false);
  const phone = usePhoneLayout();
  const [suspending, setSuspending] = useState<PlatformInstitutionDto | null>(null);

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
            message: t('platform.reactivated', { name: institution.name }),
          }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: t('platform.failed'),
            message: toApiProblem(error).message ?? t('errors.title'),
          }),
      },
    );

  const rows = institutions.data?.items ?? [];

  const statusBadge = (institution: PlatformInstitutionDto) => (
    <Badge color={statusColor[institution.status] ?? 'gray'} variant="dot" tt="none">
      {t(`platform.status.${institution.status}`, { defaultValue: institution.status })}
    </Badge>
  );
  const statusAction = (institution: PlatformInstitutionDto) =>
    institution.status === InstitutionStatus.Active ? (
      <Button
        size="xs"
        variant="light"
        color="red"
        onClick={() => setSuspending(institution)}
        aria-label={t('platform.suspendLabel', { name: institution.name })}
      >
        {t('platform.suspend')}
      </Button>
    ) : institution.status === InstitutionStatus.Suspended ? (
      <Button
        size="xs"
        variant="light"
        onClick={() => reactivate(institution)}
        loading={setStatus.isPending && setStatus.variables?.id === institution.id}
        aria-label={t('platform.reactivateLabel', { name: institution.name })}
      >
        {t('platform.reactivate')}
      </Button>
    ) : null;

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('platform.title')}
        intro={t('platform.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setProvisioning(true)}>
            {t('platform.provision')}
          </Button>
        }
      />
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
                {t('platform.provision')}
              </Button>
            }
          >
            {t('platform.empty')}
          </EmptyState>
        ) : phone ? (
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('platform.tableLabel')}
          >
            {rows.map((institution) => (
              <Box
                component="li"
                key={institution.id}
                px="md"
                py="sm"
                data-testid="institution-row"
                style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
              >
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Box miw={0}>
                    <Text size="sm" fw={600}>
                      {institution.name}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {institution.slug}
                    </Text>
                  </Box>
                  {statusAction(institution)}
                </Group>
                <Group gap={6} mt={6}>
                  {statusBadge(institution)}
                  <Text size="xs" c="dimmed">
                    {t('platform.cardLine', {
                      timeZone: institution.timeZone,
                      currency: institution.currency,
                      created: formatDate(institution.createdAt),
                    })}
                  </Text>
                </Group>
              </Box>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-label={t('platform.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('platform.column.name')}</Table.Th>
                  <Table.Th>{t('platform.column.status')}</Table.Th>
                  <Table.Th>{t('platform.column.timeZone')}</Table.Th>
                  <Table.Th>{t('platform.column.currency')}</Table.Th>
                  <Table.Th>{t('platform.column.created')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('platform.column.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((institution) => (
                  <Table.Tr key={institution.id} data-testid="institution-row">
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {institution.name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {institution.slug}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[institution.status] ?? 'gray'} variant="dot" tt="none">
                        {t(`platform.status.${institution.status}`, { defaultValue: institution.status })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{institution.timeZone}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{institution.currency}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(institution.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td ta="right">{statusAction(institution)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <ProvisionModal opened={provisioning} onClose={() => setProvisioning(false)} />
      <ConfirmModal
        opened={suspending !== null}
        title={suspending ? t('platform.suspendTitle', { name: suspending.name }) : ''}
        confirmLabel={t('platform.suspend')}
        loading={setStatus.isPending}
        error={setStatus.error}
        errorTitle={t('platform.failed')}
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
                  message: t('platform.suspended', { name: institution.name }),
                });
              },
            },
          );
        }}
      >
        {suspending ? t('platform.suspendBody', { name: suspending.name }) : ''}
      </ConfirmModal>
    </Stack>
  );
}
