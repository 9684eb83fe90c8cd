import {
  Badge,
  Button,
  CopyButton,
  Fieldset,
  Group,
  List,
  Modal,
  MultiSelect,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useMemo, type ReactNode } from 'react';
import { Controller, useForm, useWatch, type FieldError } from 'react-hook-form';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { usePhoneLayout } from '../../../app/use-phone-layout';
import type { Channel, TemplateKind, TemplateView } from '@shala/contracts';
import { useCreateTemplate, useReplaceTemplate } from '../hooks/use-templates';
import { useNotificationsText } from '../i18n';
import {
  contentOf,
  dltTextOf,
  formValuesOf,
  TEMPLATE_FIELDS,
  type TemplateFormValues,
  type TemplateMessages,
} from '../schemas/template.schema';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';
import { kindLabel } from './kind-label';
import { TemplatePreview } from './template-preview';

/** What the editor opens on: an existing template, or a new one (copied from `from`, else the built-in). */
export interface EditorTarget {
  kind: TemplateKind;
  template: TemplateView | null;
  from?: TemplateView | null;
}

const placeholder = (name: string) => `{{${name}}}`;

/**
 * One template's wording per channel, checked as it is typed against the variables its event provides
 * (the API checks again; its 400 details land on the fields they name), with a preview from sample values.
 */
export function TemplateEditor({
  target,
  takenLanguages,
  readOnly,
  onClose,
}: {
  target: EditorTarget;
  takenLanguages: string[];
  readOnly: boolean;
  onClose: () => void;
}) {
  const t = useNotificationsText();
  const phone = usePhoneLayout();
  const { kind, template } = target;
  const create = useCreateTemplate();
  const replace = useReplaceTemplate();
  const mutation = template ? replace : create;
  const label = kindLabel(t, kind.name);

  const messages = useMemo<TemplateMessages>(
    () => ({
      required: t('editor.errors.required'),
      unknown: (names, provided) =>
        t('editor.errors.unknown', {
          names: names.map(placeholder).join(', '),
          provided: provided.join(', '),
        }),
      missing: (names) => t('editor.errors.missing', { names: names.map(placeholder).join(', ') }),
      language: t('editor.errors.language'),
      dltTemplateId: t('editor.errors.dltTemplateId'),
      templateName: t('editor.errors.templateName'),
      languageCode: t('editor.errors.languageCode'),
      noChannel: t('editor.errors.noChannel'),
    }),
    [t],
  );
  const resolver = useMemo(
    () =>
      lazyZodResolver<TemplateFormValues>(async () =>
        (await import('../schemas/template-form.schema')).templateSchema(kind, messages),
      ),
    [kind, messages],
  );
  const form = useForm<TemplateFormValues>({
    resolver,
    mode: 'onChange',
    defaultValues: template
      ? formValuesOf(template, template.language)
      : formValuesOf(target.from ?? kind.defaults, ''),
  });
  const { errors } = form.formState;
  const values = useWatch({ control: form.control }) as TemplateFormValues;

  const submit = form.handleSubmit((formValues) => {
    if (readOnly) return;
    const content = contentOf(formValues);
    const onError = (error: unknown) => applyServerFieldErrors(error, TEMPLATE_FIELDS, form.setError);
    const onSuccess = () => {
      toasts.show({ color: 'green', message: t('editor.saved') });
      onClose();
    };
    if (template) {
      replace.mutate({ id: template.id, ...content }, { onSuccess, onError });
      return;
    }
    const language = formValues.language.trim();
    if (takenLanguages.includes(language)) {
      form.setError('language', {
        type: 'server',
        message: t('editor.errors.languageTaken', { language }),
      });
      return;
    }
    create.mutate({ name: kind.name, language, ...content }, { onSuccess, onError });
  });

  const errorText = (error: FieldError | undefined) => error?.message;
  const unplaced = toApiProblem(mutation.error).details.filter(
    (detail) => !(TEMPLATE_FIELDS as readonly string[]).includes(detail.field ?? ''),
  );
  const offered = (channel: Channel) => kind.channels.includes(channel);

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      fullScreen={phone}
      title={
        template
          ? t('editor.editTitle', { kind: label, language: template.language })
          : t('editor.createTitle', { kind: label })
      }
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="md">
          <Fieldset variant="unstyled" disabled={readOnly}>
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                {kind.description}
              </Text>
              {!template ? (
                <TextInput
                  label={t('editor.language')}
                  description={t('editor.languageHelp')}
                  required
                  autoCapitalize="none"
                  spellCheck={false}
                  {...form.register('language')}
                  error={errorText(errors.language)}
                  data-autofocus
                />
              ) : null}
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('editor.variables')}
                </Text>
                <Group gap={6} wrap="wrap" aria-label={t('editor.variables')} role="group">
                  {kind.variables.map((name) => (
                    <CopyButton key={name} value={placeholder(name)}>
                      {({ copied, copy }) => (
                        <Tooltip
                          label={t('editor.copied', { placeholder: placeholder(name) })}
                          opened={copied}
                        >
                          <UnstyledButton onClick={copy} type="button">
                            <Badge
                              variant={kind.required.includes(name) ? 'filled' : 'light'}
                              tt="none"
                              style={{ cursor: 'pointer' }}
                            >
                              {placeholder(name)}
                            </Badge>
                          </UnstyledButton>
                        </Tooltip>
                      )}
                    </CopyButton>
                  ))}
                </Group>
                <Text size="xs" c="dimmed">
                  {t('editor.variablesHelp', {
                    placeholder: '{{name}}',
                    required: kind.required.map(placeholder).join(', '),
                  })}
                </Text>
              </Stack>
              {errors.emailOn ? (
                <Text size="sm" c="red" role="alert">
                  {errors.emailOn.message}
                </Text>
              ) : null}

              <ChannelSection
                name="emailOn"
                control={form.control}
                channel="email"
                offered={offered('email')}
                on={values.emailOn}
              >
                <TextInput
                  label={t('editor.subject')}
                  required
                  {...form.register('email.subject')}
                  error={errorText(errors.email?.subject)}
                />
                <Textarea
                  label={t('editor.body')}
                  required
                  autosize
                  minRows={4}
                  maxRows={14}
                  {...form.register('email.body')}
                  error={errorText(errors.email?.body)}
                />
              </ChannelSection>

              <ChannelSection
                name="smsOn"
                control={form.control}
                channel="sms"
                offered={offered('sms')}
                on={values.smsOn}
              >
                <Textarea
                  label={t('editor.smsBody')}
                  required
                  autosize
                  minRows={2}
                  maxRows={8}
                  {...form.register('sms.body')}
                  error={errorText(errors.sms?.body)}
                />
                <TextInput
                  label={t('editor.dltTemplateId')}
                  description={t('editor.dltTemplateIdHelp')}
                  inputMode="numeric"
                  {...form.register('sms.dltTemplateId')}
                  error={errorText(errors.sms?.dltTemplateId)}
                />
                <Textarea
                  label={t('editor.dltTemplate')}
                  description={t('editor.dltTemplateHelp')}
                  autosize
                  minRows={2}
                  maxRows={8}
                  {...form.register('sms.dltTemplate')}
                  error={errorText(errors.sms?.dltTemplate)}
                />
                <Button
                  variant="subtle"
                  size="xs"
                  w="fit-content"
                  onClick={() =>
                    form.setValue('sms.dltTemplate', dltTextOf(form.getValues('sms.body')), {
                      shouldValidate: true,
                      shouldDirty: true,
                    })
                  }
                >
                  {t('editor.dltFill')}
                </Button>
              </ChannelSection>

              <ChannelSection
                name="whatsappOn"
                control={form.control}
                channel="whatsapp"
                offered={offered('whatsapp')}
                on={values.whatsappOn}
              >
                <TextInput
                  label={t('editor.templateName')}
                  description={t('editor.templateNameHelp')}
                  required
                  autoCapitalize="none"
                  spellCheck={false}
                  {...form.register('whatsapp.templateName')}
                  error={errorText(errors.whatsapp?.templateName)}
                />
                <TextInput
                  label={t('editor.languageCode')}
                  required
                  autoCapitalize="none"
                  spellCheck={false}
                  {...form.register('whatsapp.languageCode')}
                  error={errorText(errors.whatsapp?.languageCode)}
                />
                <Controller
                  control={form.control}
                  name="whatsapp.parameters"
                  render={({ field }) => (
                    <MultiSelect
                      label={t('editor.parameters')}
                      description={t('editor.parametersHelp', { one: '{{1}}', two: '{{2}}' })}
                      data={[...new Set([...kind.variables, ...field.value])]}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      error={errorText(errors.whatsapp?.parameters as FieldError | undefined)}
                      comboboxProps={{ withinPortal: true }}
                    />
                  )}
                />
              </ChannelSection>
            </Stack>
          </Fieldset>

          <TemplatePreview kind={kind} values={values} />

          {mutation.isError ? (
            <ApiErrorAlert error={mutation.error} title={t('editor.saveFailed')}>
              {unplaced.length ? (
                <List size="sm" mt={4}>
                  {unplaced.map((detail, index) => (
                    <List.Item key={index}>{detail.message}</List.Item>
                  ))}
                </List>
              ) : null}
            </ApiErrorAlert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('editor.cancel')}
            </Button>
            {!readOnly ? (
              <Button type="submit" loading={mutation.isPending}>
                {template ? t('editor.save') : t('editor.create')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A channel's switch and, while it is on, its fields; a channel the kind is not sent on is not offered. */
function ChannelSection({
  name,
  control,
  channel,
  offered,
  on,
  children,
}: {
  name: 'emailOn' | 'smsOn' | 'whatsappOn';
  control: ReturnType<typeof useForm<TemplateFormValues>>['control'];
  channel: Channel;
  offered: boolean;
  on: boolean;
  children: ReactNode;
}) {
  const t = useNotificationsText();
  // A kind goes out only on its own channels (account emails: email only).
  if (!offered) return null;
  return (
    <>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <Switch
            label={t('editor.channelOn', { channel: t(`channel.${channel}`) })}
            checked={field.value}
            onChange={(event) => field.onChange(event.currentTarget.checked)}
            onBlur={field.onBlur}
            fw={500}
          />
        )}
      />
      {on ? (
        <Stack gap="sm" pl={{ base: 0, sm: 'md' }}>
          {children}
        </Stack>
      ) : null}
    </>
  );
}
