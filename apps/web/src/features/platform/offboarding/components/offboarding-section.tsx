import { Badge, Box, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type OffboardingView, type PlatformInstitutionDto } from '@shala/contracts';
import { IconCertificate, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../../app/components/confirm-modal';
import { EmptyState } from '../../../../app/components/empty-state';
import { ResponsiveList } from '../../../../app/components/responsive-list';
import { formatDate } from '../../../../app/format';
import {
  useDeletionCertificates,
  useDownloadExport,
  useOffboardings,
  usePurgeInstitution,
} from '../hooks/use-offboarding';
import { useOffboardingText } from '../i18n';
import { TerminateModal } from './terminate-modal';

const exportColor: Record<string, string> = { running: 'blue', done: 'teal', failed: 'red', purged: 'gray' };

/** The operator's offboarding flow under the institutions list: terminate, export, purge, certificates. */
export function OffboardingSection({ schools }: { schools: PlatformInstitutionDto[] }) {
  const t = useOffboardingText();
  const offboardings = useOffboardings();
  const certificates = useDeletionCertificates();
  const download = useDownloadExport();
  const purge = usePurgeInstitution();
  const [terminating, setTerminating] = useState(false);
  const [purging, setPurging] = useState<OffboardingView | null>(null);
  const rows = offboardings.data?.items ?? [];
  const now = Date.now();
  const terminable = schools.filter((s) => s.status !== 'terminated');

  const exportCell = (o: OffboardingView) => {
    const e = o.export;
    return (
      <Stack gap={4} miw={0}>
        <Badge color={exportColor[e.status] ?? 'gray'} variant="light" tt="none">
          {t(`exportStatus.${e.status}`, {
            done: e.done,
            total: e.total,
            size: Math.ceil((e.bytes ?? 0) / 1024),
            seconds: Math.round((e.durationMs ?? 0) / 1000),
          })}
        </Badge>
        {e.status === 'running' ? (
          <Progress
            value={e.total > 0 ? (100 * e.done) / e.total : 0}
            aria-label={t('exportStatus.running', { done: e.done, total: e.total })}
            size="sm"
          />
        ) : null}
      </Stack>
    );
  };
  const purgeCell = (o: OffboardingView) => (
    <Text size="sm">
      {o.purgedAt
        ? t('purgedOn', { date: formatDate(o.purgedAt) })
        : t('purgeOn', { date: formatDate(o.purgeAfter) })}
    </Text>
  );
  const actions = (o: OffboardingView) => (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {o.export.status === 'done' ? (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconDownload size={14} aria-hidden />}
          loading={download.isPending && download.variables === o.institutionId}
          onClick={() => download.mutate(o.institutionId)}
          aria-label={t('downloadLabel', { name: o.institutionName })}
        >
          {t('download')}
        </Button>
      ) : null}
      {!o.purgedAt && new Date(o.purgeAfter).getTime() <= now ? (
        <Button
          size="xs"
          variant="light"
          color="red"
          onClick={() => setPurging(o)}
          aria-label={t('purgeLabel', { name: o.institutionName })}
        >
          {t('purgeNow')}
        </Button>
      ) : null}
    </Group>
  );
  const nameCell = (o: OffboardingView) => (
    <>
      <Text size="sm" fw={600}>
        {o.institutionName}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {o.slug}
      </Text>
    </>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Box maw={720}>
          <Title order={2} size="h3">
            {t('title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('intro')}
          </Text>
        </Box>
        <Button
          color="red"
          variant="light"
          onClick={() => setTerminating(true)}
          disabled={terminable.length === 0}
        >
          {t('terminate')}
        </Button>
      </Group>
      <Card p={0}>
        {offboardings.isError ? (
          <Stack p="md">
            <ApiErrorAlert error={offboardings.error} />
          </Stack>
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed" p="md">
            {t('empty')}
          </Text>
        ) : (
          <ResponsiveList
            label={t('scheduleLabel')}
            rows={rows}
            rowKey={(o) => o.institutionId}
            rowProps={() => ({ 'data-testid': 'offboarding-row' })}
            phoneItems="divided"
            minWidth={720}
            columns={[
              { key: 'school', header: t('column.school'), cell: nameCell },
              { key: 'export', header: t('column.export'), cell: exportCell },
              { key: 'purge', header: t('column.purge'), cell: purgeCell },
              { key: 'actions', header: t('column.actions'), align: 'right', cell: actions },
            ]}
            card={(o) => (
              <Stack gap={6}>
                {nameCell(o)}
                {exportCell(o)}
                {purgeCell(o)}
                {actions(o)}
              </Stack>
            )}
          />
        )}
      </Card>

      <Title order={3} size="h4">
        {t('certificates')}
      </Title>
      <Card p={0}>
        {(certificates.data?.items ?? []).length === 0 ? (
          <EmptyState icon={IconCertificate}>{t('certificatesEmpty')}</EmptyState>
        ) : (
          <Stack gap={0} component="ul" aria-label={t('certificatesLabel')} p="md" m={0}>
            {certificates.data!.items.map((c) => (
              <Box component="li" key={c.id} py={6} style={{ listStyle: 'none' }} data-testid="certificate">
                <Text size="sm" fw={600}>
                  {c.institutionName}{' '}
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {c.slug}
                  </Text>
                </Text>
                <Text size="xs" c="dimmed">
                  {t('certificateLine', {
                    rows: c.totalRows,
                    tables: Object.keys(c.tables).length,
                    terminated: formatDate(c.terminatedAt),
                    purged: formatDate(c.purgedAt),
                  })}
                </Text>
              </Box>
            ))}
          </Stack>
        )}
      </Card>

      <TerminateModal opened={terminating} onClose={() => setTerminating(false)} schools={terminable} />
      <ConfirmModal
        opened={purging !== null}
        title={purging ? t('purgeTitle', { name: purging.institutionName }) : ''}
        confirmLabel={t('purgeNow')}
        color="red"
        loading={purge.isPending}
        error={purge.error}
        errorTitle={t('failed')}
        onClose={() => {
          setPurging(null);
          purge.reset();
        }}
        onConfirm={() => {
          if (!purging) return;
          const target = purging;
          purge.mutate(target.institutionId, {
            onSuccess: (certificate) => {
              setPurging(null);
              notifications.show({
                color: 'teal',
                message: t('purged', { name: target.institutionName, rows: certificate.totalRows }),
              });
            },
          });
        }}
      >
        {purging ? t('purgeBody', { name: purging.institutionName }) : ''}
      </ConfirmModal>
    </Stack>
  );
}
