import { Badge, Button, Card, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import type { PlatformAdminInvitation, PlatformInstitutionDto } from '@shala/contracts';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { formatDateTime } from '../../../app/format';
import { DeliveryBadge, OneTimeLink } from '../../users/components/invitation-result';
import {
  useAdminInvitations,
  useResendAdminInvitation,
  useRevokeAdminInvitation,
} from '../hooks/use-institutions';
import { usePlatformText } from '../i18n';

const STATUS_COLOR: Record<PlatformAdminInvitation['status'], string> = {
  pending: 'blue',
  expired: 'gray',
  revoked: 'orange',
};

/**
 * The operator's view of a school's first admin invitation (issue 14): its state, and a new link or a
 * revocation when it did not arrive. A link is shown once, only when the email could not be sent.
 */
export function AdminInvitationsModal({
  school,
  onClose,
}: {
  school: PlatformInstitutionDto | null;
  onClose: () => void;
}) {
  const t = usePlatformText();
  const invitations = useAdminInvitations(school?.id ?? null);
  const resend = useResendAdminInvitation();
  const revoke = useRevokeAdminInvitation();
  const [outcome, setOutcome] = useState<PlatformAdminInvitation | null>(null);
  const close = () => {
    setOutcome(null);
    resend.reset();
    revoke.reset();
    onClose();
  };
  const items = invitations.data?.items ?? [];
  const busy = (userId: string) =>
    (resend.isPending && resend.variables?.userId === userId) ||
    (revoke.isPending && revoke.variables?.userId === userId);

  return (
    <Modal
      opened={school !== null}
      onClose={close}
      title={school ? t('adminInvitations.title', { name: school.name }) : ''}
      centered
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('adminInvitations.intro')}
        </Text>
        {resend.error || revoke.error ? (
          <ApiErrorAlert error={resend.error ?? revoke.error} title={t('failed')} />
        ) : null}
        {outcome ? (
          <Stack gap="xs" data-testid="admin-invitation-outcome">
            <Group gap="xs" align="flex-start">
              <DeliveryBadge delivery={outcome.delivery ?? 'not_deliverable'} />
              <Text size="sm">
                {outcome.oneTimeLink
                  ? t('firstAdmin.notDeliverable', {
                      email: outcome.email,
                      problem: outcome.deliveryProblem ?? '—',
                    })
                  : t('adminInvitations.queued', { email: outcome.email })}
              </Text>
            </Group>
            {outcome.oneTimeLink ? <OneTimeLink link={outcome.oneTimeLink} name={outcome.email} /> : null}
          </Stack>
        ) : null}
        {invitations.isPending ? (
          <Skeleton height={72} aria-busy="true" />
        ) : invitations.isError ? (
          <ApiErrorAlert error={invitations.error} />
        ) : items.length === 0 ? (
          <Text size="sm">{t('adminInvitations.none')}</Text>
        ) : (
          items.map((invitation) => (
            <Card key={invitation.userId} withBorder p="sm" data-testid="admin-invitation">
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={2} miw={0}>
                  <Text size="sm" fw={600}>
                    {invitation.displayName}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {invitation.email}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('adminInvitations.sent', {
                      sent: formatDateTime(invitation.sentAt),
                      expires: formatDateTime(invitation.expiresAt),
                    })}
                  </Text>
                </Stack>
                <Badge color={STATUS_COLOR[invitation.status]} variant="light" tt="none">
                  {t(`adminInvitations.status.${invitation.status}`)}
                </Badge>
              </Group>
              <Group justify="flex-end" gap="xs" mt="sm">
                {invitation.status === 'pending' ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    disabled={busy(invitation.userId)}
                    loading={revoke.isPending && revoke.variables?.userId === invitation.userId}
                    onClick={() =>
                      revoke.mutate(
                        { schoolId: school!.id, userId: invitation.userId },
                        { onSuccess: () => setOutcome(null) },
                      )
                    }
                  >
                    {t('adminInvitations.revoke')}
                  </Button>
                ) : null}
                <Button
                  size="xs"
                  variant="light"
                  disabled={busy(invitation.userId)}
                  loading={resend.isPending && resend.variables?.userId === invitation.userId}
                  onClick={() =>
                    resend.mutate(
                      { schoolId: school!.id, userId: invitation.userId },
                      { onSuccess: (result) => setOutcome(result) },
                    )
                  }
                >
                  {t('adminInvitations.resend')}
                </Button>
              </Group>
            </Card>
          ))
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('firstAdmin.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
