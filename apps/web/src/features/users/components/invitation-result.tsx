import {
  ActionIcon,
  Alert,
  Badge,
  CopyButton,
  Group,
  Radio,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type {
  InvitationChannel,
  InvitationChannelOption,
  InvitationDelivery,
  InvitationView,
} from '@shala/contracts';
import { IconCheck, IconCopy, IconLink } from '@tabler/icons-react';
import { useUsersText } from '../i18n';

export const DELIVERY_COLOR: Record<InvitationDelivery, string> = {
  queued: 'blue',
  sent: 'teal',
  failed: 'red',
  not_deliverable: 'orange',
};

/** The delivery status of an invitation message, as a badge. */
export function DeliveryBadge({ delivery }: { delivery: InvitationDelivery }) {
  const t = useUsersText();
  return (
    <Badge color={DELIVERY_COLOR[delivery]} variant="light" tt="none" data-testid="invitation-delivery">
      {t(`invitations.delivery.${delivery}`)}
    </Badge>
  );
}

/**
 * A one-time link the admin was given because the invitation could not be delivered: read-only, with a
 * copy button. It is shown once; nothing keeps it after this screen closes.
 */
export function OneTimeLink({ link, name }: { link: string; name: string }) {
  const t = useUsersText();
  return (
    <Alert color="orange" icon={<IconLink size={18} aria-hidden />} title={t('invitations.linkTitle')}>
      <Stack gap="xs">
        <Text size="sm">{t('invitations.linkBody', { name })}</Text>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            label={t('invitations.linkLabel')}
            value={link}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
            style={{ flex: 1, minWidth: 0 }}
            data-testid="one-time-link"
          />
          <CopyButton value={link} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('invitations.copied') : t('invitations.copy')} withArrow>
                <ActionIcon
                  size="lg"
                  variant={copied ? 'filled' : 'light'}
                  color={copied ? 'teal' : 'blue'}
                  onClick={copy}
                  aria-label={copied ? t('invitations.copied') : t('invitations.copy')}
                >
                  {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

/** What happened to an invitation just sent: its delivery status, the reason, and the link when needed. */
export function InvitationResult({
  invitation,
  oneTimeLink,
}: {
  invitation: InvitationView;
  oneTimeLink: string | null;
}) {
  const t = useUsersText();
  const channel = t(`invitations.channel.${invitation.channel}`);
  return (
    <Stack gap="sm" data-testid="invitation-result">
      <Group gap="xs">
        <DeliveryBadge delivery={invitation.delivery} />
        <Text size="sm">
          {invitation.delivery === 'not_deliverable'
            ? t('invitations.notDeliverable', { channel })
            : t('invitations.onItsWay', { channel, recipient: invitation.recipient ?? '—' })}
        </Text>
      </Group>
      {invitation.deliveryProblem ? (
        <Text size="sm" c="dimmed">
          {t('invitations.problem', { problem: invitation.deliveryProblem })}
        </Text>
      ) : null}
      {oneTimeLink ? <OneTimeLink link={oneTimeLink} name={invitation.displayName} /> : null}
    </Stack>
  );
}

/** The channel choice: every channel, those the school has not set up marked so and not selectable. */
export function ChannelChoice({
  channels,
  value,
  onChange,
}: {
  channels: readonly InvitationChannelOption[];
  value: InvitationChannel;
  onChange: (channel: InvitationChannel) => void;
}) {
  const t = useUsersText();
  return (
    <Radio.Group
      label={t('invitations.channelLabel')}
      description={t('invitations.channelHelp')}
      value={value}
      onChange={(v) => onChange(v as InvitationChannel)}
    >
      <Stack gap={6} mt={6}>
        {channels.map((c) => (
          <Radio
            key={c.channel}
            value={c.channel}
            // Email is always offered (without a mail server the admin gets the link); SMS and WhatsApp
            // only once the school set them up.
            disabled={!c.ready && c.channel !== 'email'}
            label={
              c.ready
                ? t(`invitations.channel.${c.channel}`)
                : t('invitations.channelNotReady', { channel: t(`invitations.channel.${c.channel}`) })
            }
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
