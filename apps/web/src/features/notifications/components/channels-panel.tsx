import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  List,
  Loader,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Controller, useForm, type FieldPath } from 'react-hook-form';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { formatDateTime } from '../../../app/format';
import { useCurrentUser } from '../../auth/hooks/current-user';
import type { Channel, ChannelView } from '@shala/contracts';
import { useChannels, useSaveChannel } from '../hooks/use-channels';
import { useNotificationsText } from '../i18n';
import {
  CHANNEL_SHAPES,
  channelFieldOf,
  channelFormValues,
  channelInputOf,
  secretFieldsOf,
  type ChannelFormValues,
  type ChannelMessages,
} from '../schemas/channel.schema';
import { SendingPreferencesCard } from './sending-preferences';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';
import type { TextKey } from '../../../app/i18n';

type Text = ReturnType<typeof useNotificationsText>;
/** `channels.sms.entityId`: the label of a channel's field (names come from CHANNEL_SHAPES). */
const fieldLabel = (t: Text, channel: Channel, name: string) =>
  t(`channels.${channel}.${name}` as TextKey<'notifications'>);

/** Channel settings per institution (notifications.manage): email, SMS (DLT), WhatsApp, quiet hours. */
export function ChannelsPanel() {
  const t = useNotificationsText();
  const channels = useChannels();
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('channels.intro')}
      </Text>
      {channels.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : channels.isError ? (
        <ApiErrorAlert error={channels.error} />
      ) : (
        channels.data.map((view) => <ChannelCard key={view.channel} view={view} />)
      )}
      <SendingPreferencesCard />
    </Stack>
  );
}

function StatusBadge({ view }: { view: ChannelView }) {
  const t = useNotificationsText();
  if (view.ready) return <Badge color="green">{t('channels.ready')}</Badge>;
  if (view.enabled) return <Badge color="orange">{t('channels.incomplete')}</Badge>;
  return <Badge color="gray">{t('channels.disabled')}</Badge>;
}

function ChannelCard({ view }: { view: ChannelView }) {
  const t = useNotificationsText();
  const timeZone = useCurrentUser().institution.timeZone;
  const channel = view.channel;
  const shape = { settings: CHANNEL_SHAPES[channel].settings, secrets: secretFieldsOf(view) };
  const save = useSaveChannel();
  const [confirming, setConfirming] = useState<ChannelFormValues | null>(null);
  const messages = useMemo<ChannelMessages>(
    () => ({
      email: t('channels.errors.email'),
      digits: (min, max) => t('channels.errors.digits', { min, max }),
      senderHeader: t('channels.errors.senderHeader'),
      tooShort: (min) => t('channels.errors.tooShort', { min }),
    }),
    [t],
  );
  const resolver = useMemo(
    () =>
      lazyZodResolver<ChannelFormValues>(async () =>
        (await import('../schemas/channel-form.schema')).channelSchema(view, messages),
      ),
    [view, messages],
  );
  const form = useForm<ChannelFormValues>({
    resolver,
    defaultValues: channelFormValues(view),
  });
  const { errors } = form.formState;
  const channelName = t(`channel.${channel}`);
  const title = t(`channels.${channel}.title`);

  const send = (values: ChannelFormValues) => {
    setConfirming(null);
    save.mutate(channelInputOf(channel, values), {
      onSuccess: (saved) => {
        // Start again from what the API answered: typed credentials are gone, only "set" remains.
        form.reset(channelFormValues(saved));
        toasts.show({ color: 'green', message: t('channels.saved', { channel: channelName }) });
      },
      onError: (error) => {
        const problem = toApiProblem(error);
        if (problem.status !== 400 && problem.status !== 422) return;
        for (const detail of problem.details) {
          const place = channelFieldOf(channel, detail);
          if (place)
            form.setError(place.path as FieldPath<ChannelFormValues>, {
              type: 'server',
              message: place.missing ? t('channels.errors.needed') : detail.message,
            });
        }
      },
    });
  };
  const submit = form.handleSubmit((values) => {
    const removing = shape.secrets.some((field) => values.remove[field.name]);
    if (removing) setConfirming(values);
    else send(values);
  });
  // "apiKey is not set" names the field by its label; other problems (the server's) read as they are.
  const problemText = (problem: string) => {
    const name = /^(\w+) is not set$/.exec(problem)?.[1];
    const known =
      name && (shape.settings.some((f) => f.name === name) || shape.secrets.some((f) => f.name === name));
    return known ? t('channels.missing', { name: fieldLabel(t, channel, name) }) : problem;
  };
  const settingError = (name: string) => errors.settings?.[name]?.message;
  const secretError = (name: string) => errors.secrets?.[name]?.message;

  return (
    <Card withBorder component="section" aria-label={title}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Title order={3} size="h4">
              {title}
            </Title>
            <StatusBadge view={view} />
          </Group>
          <Text size="sm" c="dimmed">
            {t(`channels.${channel}.help`)}
          </Text>
          {view.problems.length > 0 ? (
            <Stack gap={2}>
              <Text size="sm">{t('channels.problems')}</Text>
              <List size="sm" c="orange.8">
                {view.problems.map((problem) => (
                  <List.Item key={problem}>{problemText(problem)}</List.Item>
                ))}
              </List>
            </Stack>
          ) : null}
          <Controller
            control={form.control}
            name="enabled"
            render={({ field }) => (
              <Switch
                label={t('channels.enabled')}
                aria-label={`${t('channels.enabled')}: ${channelName}`}
                checked={field.value}
                onChange={(event) => field.onChange(event.currentTarget.checked)}
                onBlur={field.onBlur}
              />
            )}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {shape.settings.map((field) => (
              <TextInput
                key={field.name}
                label={fieldLabel(t, channel, field.name)}
                description={field.rule === 'senderHeader' ? t('channels.sms.senderHeaderHelp') : undefined}
                inputMode={field.inputMode}
                autoComplete="off"
                spellCheck={false}
                {...form.register(`settings.${field.name}`)}
                error={settingError(field.name)}
              />
            ))}
            {shape.secrets.map((field) => {
              const isSet = view.secrets[field.name]?.set === true;
              const label = fieldLabel(t, channel, field.name);
              return (
                <Stack key={field.name} gap={4}>
                  <PasswordInput
                    label={
                      <Group gap={6} component="span" wrap="wrap">
                        <span>{label}</span>{' '}
                        <Badge size="xs" variant="light" color={isSet ? 'green' : 'gray'} component="span">
                          {isSet ? t('channels.set') : t('channels.notSet')}
                        </Badge>
                      </Group>
                    }
                    placeholder={
                      isSet ? t('channels.secretPlaceholderSet') : t('channels.secretPlaceholderEmpty')
                    }
                    // Never the browser's saved password here, and never saved by it.
                    autoComplete="new-password"
                    spellCheck={false}
                    {...form.register(`secrets.${field.name}`)}
                    error={secretError(field.name)}
                    // PasswordInput marks an error only with data-invalid; screen readers need aria-invalid.
                    aria-invalid={secretError(field.name) ? true : undefined}
                    data-testid={`secret-${field.name}`}
                  />
                  {isSet ? (
                    <Checkbox
                      size="xs"
                      label={t('channels.removeSecret', { name: label })}
                      {...form.register(`remove.${field.name}`)}
                    />
                  ) : null}
                </Stack>
              );
            })}
          </SimpleGrid>
          {view.webhookUrl ? (
            <Stack gap={2}>
              <Text size="sm" fw={500}>
                {t(`channels.${channel === 'sms' ? 'sms' : 'whatsapp'}.webhookUrl`)}
              </Text>
              <Group gap="xs" wrap="nowrap" miw={0}>
                <Code style={{ overflowWrap: 'anywhere', minWidth: 0 }}>{view.webhookUrl}</Code>
                <CopyButton value={view.webhookUrl}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? t('channels.whatsapp.copied') : t('channels.whatsapp.copy')}>
                      <ActionIcon variant="subtle" onClick={copy} aria-label={t('channels.whatsapp.copy')}>
                        {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          ) : null}
          {save.isError ? <ApiErrorAlert error={save.error} title={t('channels.saveFailed')} /> : null}
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="xs" c="dimmed">
              {view.updatedAt ? t('channels.updated', { at: formatDateTime(view.updatedAt, timeZone) }) : ''}
            </Text>
            <Button type="submit" loading={save.isPending}>
              {t('channels.save', { channel: channelName })}
            </Button>
          </Group>
        </Stack>
      </form>
      {confirming ? (
        <ConfirmModal
          opened
          title={t('channels.removeTitle')}
          confirmLabel={t('channels.removeConfirm')}
          onClose={() => setConfirming(null)}
          onConfirm={() => send(confirming)}
        >
          {t('channels.removeBody', {
            names: shape.secrets
              .filter((field) => confirming.remove[field.name])
              .map((field) => fieldLabel(t, channel, field.name))
              .join(', '),
          })}
        </ConfirmModal>
      ) : null}
    </Card>
  );
}
