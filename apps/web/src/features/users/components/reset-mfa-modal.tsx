import { Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { AccessErrorCode, AuthErrorCode, type UserDto } from '@shala/contracts';
import { useForm } from 'react-hook-form';
import { toApiProblem } from '../../../app/api/errors';
import { PasswordField } from '../../../app/components/password-field';
import { useFieldError } from '../../../app/forms/field-error';
import { displayNameOf } from '../../auth/components/display-name';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useResetUserMfa } from '../hooks/use-users';
import { useUsersText } from '../i18n';
import type { ResetMfaInput, ResetMfaValues } from '../schemas/user.schema';
import { FormModal } from '../../../app/components/form-modal';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const resetMfaResolver = lazyZodResolver(async () => (await import('../schemas/user.schema')).resetMfaSchema);
const resetMfaPasswordOnlyResolver = lazyZodResolver(
  async () => (await import('../schemas/user.schema')).resetMfaPasswordOnlySchema,
);

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
  const t = useUsersText();
  const fieldError = useFieldError();
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
    resolver: withCode ? resetMfaResolver : resetMfaPasswordOnlyResolver,
    defaultValues: { currentPassword: '', code: '' },
  });

  const submit = handleSubmit(async ({ currentPassword, code }) => {
    try {
      await resetMfa.mutateAsync({ id: user.id, currentPassword, ...(withCode ? { code } : {}) });
      onClose();
      notifications.show({ color: 'teal', message: t('mfaReset', { name }) });
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
    <FormModal
      onClose={onClose}
      title={t('resetMfaTitle', { name })}
      onSubmit={submit}
      submitLabel={t('resetMfaConfirm.submit')}
      submitColor="red"
      busy={isSubmitting}
      error={alertError}
      errorTitle={t('actionFailed')}
      intro={
        <>
          <Text size="sm">{t('resetMfaBody')}</Text>
          <Text size="sm" c="dimmed">
            {withCode ? t('resetMfaConfirm.confirmIntroWithCode') : t('resetMfaConfirm.confirmIntro')}
          </Text>
        </>
      }
    >
      <PasswordField
        {...register('currentPassword')}
        label={t('resetMfaConfirm.password')}
        error={fieldError(errors.currentPassword)}
        autoComplete="current-password"
        required
        data-autofocus
      />
      {withCode ? (
        <TextInput
          {...register('code')}
          label={t('resetMfaConfirm.code')}
          error={fieldError(errors.code)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
        />
      ) : null}
    </FormModal>
  );
}
