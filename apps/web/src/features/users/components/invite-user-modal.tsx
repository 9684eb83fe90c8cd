import { MultiSelect, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { InvitationChannel, InvitedUser } from '@shala/contracts';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useUsersText } from '../i18n';
import { useFieldError } from '../../../app/forms/field-error';
import { applyServerFieldErrors } from '../../../app/forms/server-field-errors';
import { useRoleOptions } from '../../roles/hooks/use-roles';
import { useInvitationChannels, useInviteUser } from '../hooks/use-users';
import { ChannelChoice } from './invitation-result';
import type { InviteUserInput, InviteUserValues } from '../schemas/user.schema';
import { FormModal } from '../../../app/components/form-modal';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const inviteUserResolver = lazyZodResolver(
  async () => (await import('../schemas/user.schema')).inviteUserSchema,
);

const FIELDS = ['email', 'displayName', 'roles'] as const;

/**
 * POST /api/v1/users/invitations: email, name, roles and the channel; the user gets a link to set a
 * password. An invitation that could not be delivered goes to `onUndelivered`, which shows its link once.
 */
export function InviteUserModal({
  opened,
  onClose,
  onUndelivered,
}: {
  opened: boolean;
  onClose: () => void;
  onUndelivered?: (result: InvitedUser) => void;
}) {
  const t = useUsersText();
  const fieldError = useFieldError();
  const invite = useInviteUser();
  const roleOptions = useRoleOptions();
  const channels = useInvitationChannels(opened);
  const [channel, setChannel] = useState<InvitationChannel>('email');
  const [phone, setPhone] = useState('');
  const {
    register,
    handleSubmit,
    control,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<InviteUserInput, unknown, InviteUserValues>({
    resolver: inviteUserResolver,
    defaultValues: { email: '', displayName: '', roles: [] },
  });
  const close = () => {
    reset();
    invite.reset();
    onClose();
  };

  const submit = handleSubmit(async (values) => {
    try {
      const user = await invite.mutateAsync({
        ...values,
        // Email is the API's default channel; another one goes with the phone typed for it.
        ...(channel !== 'email' ? { channel, ...(phone.trim() ? { phone: phone.trim() } : {}) } : {}),
      });
      close();
      if (user.oneTimeLink) onUndelivered?.(user);
      else notifications.show({ color: 'teal', message: t('invited', { email: user.email }) });
    } catch (error) {
      applyServerFieldErrors(error, FIELDS, setError);
    }
  });

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('inviteTitle')}
      onSubmit={submit}
      submitLabel={t('inviteSubmit')}
      busy={isSubmitting}
      error={invite.error}
      errorTitle={t('actionFailed')}
      intro={
        <Text size="sm" c="dimmed">
          {t('inviteIntro')}
        </Text>
      }
    >
      <TextInput
        {...register('email')}
        type="email"
        label={t('email')}
        error={fieldError(errors.email)}
        autoComplete="off"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        data-autofocus
      />
      <TextInput
        {...register('displayName')}
        label={t('displayName')}
        error={fieldError(errors.displayName)}
        autoComplete="off"
        required
      />
      <Controller
        control={control}
        name="roles"
        render={({ field }) => (
          <MultiSelect
            label={t('roles')}
            placeholder={t('rolesPlaceholder')}
            data={roleOptions.options}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={fieldError(errors.roles)}
            searchable
            required
            comboboxProps={{ withinPortal: true }}
          />
        )}
      />
      {channels.data ? (
        <ChannelChoice channels={channels.data.channels} value={channel} onChange={setChannel} />
      ) : null}
      {channel !== 'email' ? (
        <TextInput
          label={t('invitations.phone')}
          type="tel"
          value={phone}
          onChange={(event) => setPhone(event.currentTarget.value)}
          autoComplete="off"
        />
      ) : null}
    </FormModal>
  );
}
