import { Card, Loader, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, type GuardianConsentsView } from '../api/consents.api';
import { useChangeMyConsents, useMyConsents } from '../hooks/use-consents';
import { useNotificationsText } from '../i18n';

/**
 * A parent's own messaging consents: one switch per channel and purpose, saved as it is flipped. Shown
 * under the "Consents" tab of My data (/privacy?tab=consents), below the section heading it provides.
 */
export function MyConsents() {
  const t = useNotificationsText();
  const mine = useMyConsents();
  if (mine.isPending) return <Loader aria-label={t('common.loading')} />;
  if (mine.isError) return <ApiErrorAlert error={mine.error} />;
  if (mine.data.length === 0) return <EmptyState icon={IconShieldCheck}>{t('consents.empty')}</EmptyState>;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('consents.help')}
      </Text>
      {mine.data.map((guardian) => (
        <GuardianConsents key={guardian.guardianId} guardian={guardian} />
      ))}
    </Stack>
  );
}

function GuardianConsents({ guardian }: { guardian: GuardianConsentsView }) {
  const t = useNotificationsText();
  const change = useChangeMyConsents();
  const granted = (channel: string, purpose: string) =>
    guardian.consents.some(
      (entry) => entry.channel === channel && entry.purpose === purpose && entry.granted,
    );

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {guardian.fullName}
        </Title>
        <Table.ScrollContainer minWidth={0}>
          <Table aria-label={t('consents.table', { name: guardian.fullName })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('consents.purpose')}</Table.Th>
                {CONSENT_CHANNELS.map((channel) => (
                  <Table.Th key={channel}>{t(`channel.${channel}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {CONSENT_PURPOSES.map((purpose) => (
                <Table.Tr key={purpose}>
                  <Table.Td>{t(`consents.purposes.${purpose}`)}</Table.Td>
                  {CONSENT_CHANNELS.map((channel) => (
                    <Table.Td key={channel}>
                      <Switch
                        aria-label={t('consents.switch', {
                          purpose: t(`consents.purposes.${purpose}`),
                          channel: t(`channel.${channel}`),
                        })}
                        checked={granted(channel, purpose)}
                        disabled={!guardian.reachable[channel] || change.isPending}
                        onChange={(event) =>
                          change.mutate({
                            guardianId: guardian.guardianId,
                            changes: [{ channel, purpose, granted: event.currentTarget.checked }],
                          })
                        }
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {change.isError ? <ApiErrorAlert error={change.error} title={t('consents.failed')} /> : null}
      </Stack>
    </Card>
  );
}
