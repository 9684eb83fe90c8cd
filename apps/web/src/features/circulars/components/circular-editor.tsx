import { MultiSelect, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import {
  CIRCULAR_AUDIENCES,
  CIRCULAR_TITLE_MAX,
  type CircularInput,
  type CircularView,
} from '@shala/contracts';
import { Controller, useForm } from 'react-hook-form';
import { FormModal } from '../../../app/components/form-modal';
import { useFieldError } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useClasses } from '../../academics/hooks/use-academics';
import { useCreateCircular, useUpdateCircular } from '../api/circulars.api';
import { useCircularsText } from '../i18n';
import fieldStyles from './circular-fields.module.css';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';
import type { CircularValues as Values } from '../schemas/circular.schema';

const circularResolver = lazyZodResolver(
  async () => (await import('../schemas/circular.schema')).circularSchema,
);

const FIELDS = ['title', 'body', 'audience', 'classIds', 'sectionIds', 'requiresAck'] as const;

/** The body the API takes: only the ids the audience names. */
function inputOf(v: Values): CircularInput {
  return {
    title: v.title.trim(),
    body: v.body,
    audience: v.audience,
    requiresAck: v.requiresAck,
    ...(v.audience === 'classes' ? { classIds: v.classIds } : {}),
    ...(v.audience === 'sections' ? { sectionIds: v.sectionIds } : {}),
  };
}

/** Writes a new circular (a draft) or changes a draft or scheduled one. */
export function CircularEditor({
  circular,
  onClose,
  onSaved,
}: {
  circular: CircularView | null;
  onClose: () => void;
  onSaved: (saved: CircularView) => void;
}) {
  const t = useCircularsText();
  const fieldError = useFieldError('circulars');
  const classes = useClasses();
  const create = useCreateCircular();
  const update = useUpdateCircular();
  const mutation = circular ? update : create;
  const form = useForm<Values>({
    resolver: circularResolver,
    defaultValues: {
      title: circular?.title ?? '',
      body: circular?.body ?? '',
      audience: circular?.audience ?? 'school',
      classIds: circular?.classIds ?? [],
      sectionIds: circular?.sectionIds ?? [],
      requiresAck: circular?.requiresAck ?? false,
    },
  });
  const audience = form.watch('audience');
  const classOptions = (classes.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const sectionOptions = (classes.data ?? []).flatMap((c) =>
    c.sections.map((s) => ({ value: s.id, label: `${c.name} ${s.name}` })),
  );

  const submit = form.handleSubmit(async (values) => {
    try {
      const saved = circular
        ? await update.mutateAsync({ id: circular.id, body: inputOf(values) })
        : await create.mutateAsync(inputOf(values));
      onSaved(saved);
    } catch (error) {
      applyServerFieldErrors(error, FIELDS, form.setError);
    }
  });

  return (
    <FormModal
      title={circular ? t('actions.edit') : t('new')}
      size="lg"
      onClose={onClose}
      onSubmit={submit}
      submitLabel={circular ? t('actions.save') : t('actions.create')}
      busy={mutation.isPending}
      error={mutation.error}
      errorTitle={t('failed')}
    >
      <Stack gap="sm">
        <TextInput
          classNames={{ input: fieldStyles.field }}
          label={t('fields.title')}
          required
          maxLength={CIRCULAR_TITLE_MAX}
          {...form.register('title')}
          error={fieldError(form.formState.errors.title)}
        />
        <Textarea
          classNames={{ input: fieldStyles.field }}
          label={t('fields.body')}
          required
          autosize
          minRows={5}
          maxRows={16}
          {...form.register('body')}
          error={fieldError(form.formState.errors.body)}
        />
        <Controller
          control={form.control}
          name="audience"
          render={({ field }) => (
            <Select
              classNames={{ input: fieldStyles.field }}
              label={t('fields.audience')}
              data={CIRCULAR_AUDIENCES.map((a) => ({ value: a, label: t(`audiences.${a}`) }))}
              value={field.value}
              onChange={(v) => field.onChange(v ?? 'school')}
              allowDeselect={false}
            />
          )}
        />
        {audience === 'classes' ? (
          <Controller
            control={form.control}
            name="classIds"
            render={({ field }) => (
              <MultiSelect
                classNames={{ input: fieldStyles.field }}
                label={t('fields.classes')}
                data={classOptions}
                value={field.value}
                onChange={field.onChange}
                searchable
                error={fieldError(form.formState.errors.classIds)}
              />
            )}
          />
        ) : null}
        {audience === 'sections' ? (
          <Controller
            control={form.control}
            name="sectionIds"
            render={({ field }) => (
              <MultiSelect
                classNames={{ input: fieldStyles.field }}
                label={t('fields.sections')}
                data={sectionOptions}
                value={field.value}
                onChange={field.onChange}
                searchable
                error={fieldError(form.formState.errors.sectionIds)}
              />
            )}
          />
        ) : null}
        <Controller
          control={form.control}
          name="requiresAck"
          render={({ field }) => (
            <Switch
              label={t('fields.requiresAck')}
              checked={field.value}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
            />
          )}
        />
      </Stack>
    </FormModal>
  );
}
