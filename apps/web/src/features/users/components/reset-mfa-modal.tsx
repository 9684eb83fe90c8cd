import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { AccessErrorCode, AuthErrorCode, type UserDto } from '@shala/contracts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { PasswordField } from '../../../app/components/password-field';
import { fieldErrorText } from '../../../app/forms/field-error';
import { displayNameOf } from '../../auth/components/display-name';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useResetUserMfa } from '../hooks/use-users';
import { useUsersText } from '../i18n';
import {
  resetMfaPasswordOnlySchema,
  resetMfaSchema,
  type ResetMfaInput,
  type ResetMfaValues,
} from '../schemas/user.schema';

const FIELDS = ['currentPassword', 'code'] as const;
/** Refusals of what the admin typed: shown at the field, not in the alert. */
const FIELD_CODES: readonly string[] = [
  AuthErrorCode.ReauthenticationFailed,
  AuthErrorCode.InvalidMfaCode,
  AccessErrorCode.ReauthenticationRequired,
];

/**
 * POST /api/v1/users/:id/mfa/reset, confirmed with the admin's own password, and their own TOTP code when
 * their two-step verification is on (AUT-06). A wrong password or code shows on that field; other refusals
 * (the user outranks the admin, roles.write missing) in the alert.
 */
export function ResetMfaModal({ user, onClose }: { user: UserDto; onClose: () => void }) {
  const { t } = useTranslation();
  const text = useUsersText();
  const me = useCurrentUser();
  const withCode = me.user.mfaEnabled;
  const resetMfa = useResetUserMfa();
  const name = displayNameOf(user);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ResetMfaInput, unknown, ResetMfaValues>({
    resolver: zodResolver(withCode ? resetMfaSchema : resetMfaPasswordOnlySchema),
    defaultValues: { currentPassword: '', code: '' },
  });

  const submit = handleSubmit(async ({ currentPassword, code }) => {
    try {
      await resetMfa.mutateAsync({ id: user.id, currentPassword, ...(withCode ? { code } : {}) });
      onClose();
      notifications.show({ color: 'teal', message: t('users.mfaReset', { name }) });
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.code === AuthErrorCode.ReauthenticationFailed && problem.message) {
        setError('currentPassword', { type: 'server', message: problem.message }, { shouldFocus: true });
      } else if (problem.code === AuthErrorCode.InvalidMfaCode && problem.message) {
        setError('code', { type: 'server', message: problem.message }, { shouldFocus: true });
      } else if (problem.code === AccessErrorCode.ReauthenticationRequired) {
        for (const detail of problem.details) {
          const field = FIELDS.find((f) => f === detail.field);
          if (field) setError(field, { type: 'server', message: detail.message });
        }
      }
    }
  });
  const alertError =
    resetMfa.isError && !FIELD_CODES.includes(toApiProblem(resetMfa.error).code ?? '')
      ? resetMfa.error
      : null;

  return (
    <Modal opened onClose={onClose} title={t('users.resetMfaTitle', { name })} centered>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('users.resetMfaBody')}</Text>
          <Text size="sm" c="dimmed">
            {withCode ? text('resetMfa.confirmIntroWithCode') : text('resetMfa.confirmIntro')}
          </Text>
          {alertError ? <ApiErrorAlert error={alertError} title={t('users.actionFailed')} /> : null}
          <PasswordField
            {...register('currentPassword')}
            label={text('resetMfa.password')}
            error={fieldErrorText(t, errors.currentPassword)}
            autoComplete="current-password"
            required
            data-autofocus
          />
          {withCode ? (
            <TextInput
              {...register('code')}
              label={text('resetMfa.code')}
              error={fieldErrorText(t, errors.code)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              required
            />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={isSubmitting}>
              {text('resetMfa.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
