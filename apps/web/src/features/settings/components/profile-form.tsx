import { Button, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { InstitutionProfile } from '@shala/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useFieldError } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useUpdateProfile } from '../hooks/use-settings';
import { useSettingsText } from '../i18n';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';
import type { ProfileValues } from '../schemas/profile.schema';

const profileResolver = lazyZodResolver(
  async () => (await import('../schemas/profile.schema')).profileSchema,
);

const FIELDS = [
  'name',
  'timeZone',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'postalCode',
  'phone',
  'email',
  'website',
] as const;
const MAX: Partial<Record<(typeof FIELDS)[number], number>> = {
  addressLine1: 200,
  addressLine2: 200,
  city: 100,
  state: 100,
  postalCode: 12,
  phone: 32,
  email: 254,
  website: 200,
};

/** Name, time zone, address and contact; saved together, each error beside its field. */
export function ProfileForm({ current }: { current: InstitutionProfile }) {
  const t = useSettingsText();
  const textOf = useFieldError('settings');
  const save = useUpdateProfile();
  const [saved, setSaved] = useState(false);
  const form = useForm<ProfileValues>({
    resolver: profileResolver,
    defaultValues: Object.fromEntries(FIELDS.map((f) => [f, current[f]])) as ProfileValues,
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) => {
    setSaved(false);
    save.mutate(values, {
      onSuccess: () => setSaved(true),
      onError: (error) => applyServerFieldErrors(error, FIELDS, form.setError),
    });
  });
  const unplaced = save.isError && !FIELDS.some((field) => errors[field]?.type === 'server');
  const field = (name: (typeof FIELDS)[number], props: { type?: string; autoComplete?: string } = {}) => (
    <TextInput
      label={t(`profile.${name}`)}
      {...props}
      {...form.register(name, { onChange: () => setSaved(false) })}
      error={textOf(errors[name], { max: MAX[name] })}
      required={name === 'name' || name === 'timeZone'}
    />
  );

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-label={t('profile.title')}>
      <Stack gap="sm">
        {field('name', { autoComplete: 'organization' })}
        <TextInput
          label={t('profile.timeZone')}
          description={t('profile.timeZoneHelp')}
          required
          {...form.register('timeZone')}
          error={textOf(errors.timeZone)}
        />
        {field('addressLine1', { autoComplete: 'address-line1' })}
        {field('addressLine2', { autoComplete: 'address-line2' })}
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          {field('city', { autoComplete: 'address-level2' })}
          {field('state', { autoComplete: 'address-level1' })}
          {field('postalCode', { autoComplete: 'postal-code' })}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {field('phone', { type: 'tel', autoComplete: 'tel' })}
          {field('email', { type: 'email', autoComplete: 'email' })}
        </SimpleGrid>
        {field('website', { type: 'url', autoComplete: 'url' })}
        {unplaced ? <ApiErrorAlert error={save.error} /> : null}
        {saved ? (
          <Text c="green" role="status">
            {t('profile.saved')}
          </Text>
        ) : null}
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {t('profile.save')}
        </Button>
      </Stack>
    </form>
  );
}
