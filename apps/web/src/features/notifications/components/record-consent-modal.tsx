import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useMemo } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import {
  STAFF_CONSENT_SOURCES,
  type ConsentEntry,
  type GuardianConsentsView,
  type StaffConsentSource,
} from '../api/consents.api';
import { useRecordGuardianConsent } from '../hooks/use-consents';
import { useNotificationsText } from '../i18n';

interface RecordValues {
  decision: 'grant' | 'withdraw';
  /** One of STAFF_CONSENT_SOURCES once chosen; blank until then. */
  source: string;
  note: string;
}

const isStaffSource = (value: string): value is StaffConsentSource =>
  (STAFF_CONSENT_SOURCES as readonly string[]).includes(value);

const FIELDS = ['source', 'note'] as const;

/**
 * Records, on a guardian's behalf, a consent they gave or withdrew at the school, with how it was given
 * (paper form, at the office, imported) and an optional note. Starts on the opposite of the current choice.
 */
export function RecordConsentModal({
  guardian,
  entry,
  onClose,
}: {
  guardian: GuardianConsentsView;
  entry: ConsentEntry;
  onClose: () => void;
}) {
  const t = useNotificationsText();
  const record = useRecordGuardianConsent();
  const schema = useMemo(
    () =>
      z.object({
        decision: z.enum(['grant', 'withdraw']),
        source: z.string().refine(isStaffSource, t('editor.errors.required')),
        note: z.string().trim().max(300),
      }),
    [t],
  );
  const form = useForm<RecordValues>({
    resolver: zodResolver(schema),
    defaultValues: { decision: entry.granted ? 'withdraw' : 'grant', source: '', note: '' },
  });
  const decision = useWatch({ control: form.control, name: 'decision' });
  const { errors } = form.formState;
  const purpose = t(`consents.purposes.${entry.purpose}`);
  const channel = t(`channel.${entry.channel}`);

  const submit = form.handleSubmit((values) => {
    if (!isStaffSource(values.source)) return;
    const source = values.source;
    record.mutate(
      {
        guardianId: guardian.guardianId,
        changes: [{ channel: entry.channel, purpose: entry.purpose, granted: values.decision === 'grant' }],
        source,
        note: values.note.trim() || null,
      },
      {
        onSuccess: (answer) => {
          toasts.show({
            color: 'green',
            message:
              answer.cancelled > 0
                ? t('guardians.savedCancelled', { count: answer.cancelled })
                : t('guardians.saved'),
          });
          onClose();
        },
        onError: (error) => applyServerFieldErrors(error, FIELDS, form.setError),
      },
    );
  });

  return (
    <Modal opened onClose={onClose} centered title={t('guardians.recordTitle', { purpose, channel })}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="md">
          <Text size="sm" fw={500}>
            {guardian.fullName}
          </Text>
          <Controller
            control={form.control}
            name="decision"
            render={({ field }) => (
              <Radio.Group label={t('guardians.decision')} value={field.value} onChange={field.onChange}>
                <Stack gap={6} mt={4}>
                  <Radio value="grant" label={t('guardians.grant')} />
                  <Radio value="withdraw" label={t('guardians.withdraw')} />
                </Stack>
              </Radio.Group>
            )}
          />
          {decision === 'withdraw' ? (
            <Alert color="orange" variant="light" p="xs">
              <Text size="sm">{t('guardians.withdrawWarning')}</Text>
            </Alert>
          ) : !guardian.reachable[entry.channel] ? (
            <Alert color="gray" variant="light" p="xs">
              <Text size="sm">{t('guardians.unreachable')}</Text>
            </Alert>
          ) : null}
          <Controller
            control={form.control}
            name="source"
            render={({ field }) => (
              <Select
                label={t('guardians.source')}
                required
                data={STAFF_CONSENT_SOURCES.map((value) => ({
                  value,
                  label: t(`guardians.sources.${value}`),
                }))}
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                error={errors.source?.message}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          <Textarea
            label={t('guardians.note')}
            placeholder={t('guardians.notePlaceholder')}
            autosize
            minRows={2}
            maxLength={300}
            {...form.register('note')}
            error={errors.note?.message}
          />
          {record.isError ? <ApiErrorAlert error={record.error} title={t('guardians.saveFailed')} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('editor.cancel')}
            </Button>
            <Button
              type="submit"
              color={decision === 'withdraw' ? 'red' : undefined}
              loading={record.isPending}
            >
              {t('guardians.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
