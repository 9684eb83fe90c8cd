import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import type { OperatorDashboard as OperatorView } from '@shala/contracts';
import { formatBytes } from '../../../app/format';
import { formatSchoolDate } from '../../../app/school-date';
import { useDashboard } from '../hooks/use-dashboards';
import { useDashboardText } from '../i18n';
import { DashboardQuery } from './dashboard-query';

/** The operator's schools: counts, last activity and status (no school's student data). */
export function OperatorDashboard() {
  const query = useDashboard('operator');
  return <DashboardQuery query={query}>{(d) => <OperatorSchools d={d} />}</DashboardQuery>;
}

export function OperatorSchools({ d }: { d: OperatorView }) {
  const t = useDashboardText();
  return (
    <Card component="section" aria-labelledby="operator-schools-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="operator-schools-title">
          {t('operator.heading')}
        </Title>
        {d.schools.length === 0 ? (
          <Text c="dimmed">{t('operator.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('operator.school')}</Table.Th>
                  <Table.Th ta="right">{t('operator.students')}</Table.Th>
                  <Table.Th ta="right">{t('operator.users')}</Table.Th>
                  <Table.Th>{t('operator.lastActivity')}</Table.Th>
                  <Table.Th ta="right">{t('operator.storage')}</Table.Th>
                  <Table.Th>{t('operator.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.schools.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      {s.name}{' '}
                      <Text span c="dimmed">
                        ({s.slug})
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{s.students}</Table.Td>
                    <Table.Td ta="right">{s.users}</Table.Td>
                    <Table.Td>
                      {s.lastActivityAt ? new Date(s.lastActivityAt).toLocaleString() : t('operator.never')}
                    </Table.Td>
                    <Table.Td ta="right">
                      {s.storageBytes === null ? (
                        t('operator.notMeasured')
                      ) : (
                        <span
                          title={t('operator.measuredOn', {
                            date: formatSchoolDate(s.storageMeasuredOn ?? ''),
                          })}
                        >
                          {t('operator.storageAbout', { size: formatBytes(s.storageBytes) })}
                        </span>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={s.status === 'active' ? 'teal' : 'orange'}>
                        {s.status}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
