import { zodResolver } from '@hookform/resolvers/zod';
import {
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useMemo } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import type { SendingPreferences } from '@shala/contracts';
import { useSaveSendingPreferences, useSendingPreferences } from '../hooks/use-channels';
import { useNotificationsText } from '../i18n';

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

interface PreferencesValues {
  quietOn: boolean;
  quietHours: { start: string; end: string };
  defaultLanguage: string;
}

const FIELDS = ['quietHours.start', 'quietHours.end', 'defaultLanguage'] as const;

/** Quiet hours (messages to guardians wait until they end) and the default language, per institution. */
export function SendingPreferencesCard() {
  const t = useNotificationsText();
  const preferences = useSendingPreferences();
  const title = t('channels.quiet.title');
  return (
    <Card withBorder component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        {preferences.isPending ? (
          <Loader aria-label={t('common.loading')} />
        ) : preferences.isError ? (
          <ApiErrorAlert error={preferences.error} />
        ) : (
          <PreferencesForm current={preferences.data} />
        )}
      </Stack>
    </Card>
  );
}

function PreferencesForm({ current }: { current: SendingPreferences }) {
  const t = useNotificationsText();
  const save = useSaveSendingPreferences();
  const schema = useMemo(() => {
    const time = z.string().regex(HH_MM, t('channels.quiet.time'));
    return z
      .object({
        quietOn: z.boolean(),
        quietHours: z.object({ start: z.string(), end: z.string() }),
        defaultLanguage: z.string().trim().regex(LANGUAGE, t('editor.errors.language')),
      })
      .superRefine((values, ctx) => {
        if (!values.quietOn) return;
        for (const key of ['start', 'end'] as const)
          if (!time.safeParse(values.quietHours[key]).success)
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: ['quietHours', key],
              message: t('channels.quiet.time'),
            });
      });
  }, [t]);
  const form = useForm<PreferencesValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      quietOn: current.quietHours !== null,
      quietHours: current.quietHours ?? { start: '21:00', end: '07:00' },
      defaultLanguage: current.defaultLanguage,
    },
  });
  const quietOn = useWatch({ control: form.control, name: 'quietOn' });
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) =>
    save.mutate(
      {
        quietHours: values.quietOn ? values.quietHours : null,
        defaultLanguage: values.defaultLanguage.trim(),
      },
      {
        onSuccess: () => toasts.show({ color: 'green', message: t('channels.quiet.saved') }),
        onError: (error) => applyServerFieldErrors(error, FIELDS, form.setError),
      },
    ),
  );

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('channels.quiet.help', { timeZone: current.timeZone })}
        </Text>
        <Controller
          control={form.control}
          name="quietOn"
          render={({ field }) => (
            <Switch
              label={t('channels.quiet.on')}
              checked={field.value}
              onChange={(event) => field.onChange(event.currentTarget.checked)}
            />
          )}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          {quietOn ? (
            <>
              <TextInput
                type="time"
                label={t('channels.quiet.start')}
                {...form.register('quietHours.start')}
                error={errors.quietHours?.start?.message}
              />
              <TextInput
                type="time"
                label={t('channels.quiet.end')}
                {...form.register('quietHours.end')}
                error={errors.quietHours?.end?.message}
              />
            </>
          ) : null}
          <TextInput
            label={t('channels.quiet.defaultLanguage')}
            description={t('channels.quiet.defaultLanguageHelp')}
            autoCapitalize="none"
            spellCheck={false}
            {...form.register('defaultLanguage')}
            error={errors.defaultLanguage?.message}
          />
        </SimpleGrid>
        {save.isError ? <ApiErrorAlert error={save.error} title={t('channels.saveFailed')} /> : null}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('channels.quiet.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
