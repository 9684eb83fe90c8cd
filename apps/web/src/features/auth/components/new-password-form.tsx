import { Button, Stack } from '@mantine/core';
import { PasswordField } from '../../../app/components/password-field';
import { useForm, useWatch } from 'react-hook-form';
import { toApiProblem } from '../../../app/api/errors';
import { useFieldError } from '../../../app/forms/field-error';
import type { NewPasswordInput, NewPasswordValues } from '../schemas/password.schema';
import { PasswordStrengthMeter } from './password-strength-meter';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const newPasswordResolver = lazyZodResolver(
  async () => (await import('../schemas/password.schema')).newPasswordSchema,
);

interface NewPasswordFormProps {
  passwordLabel: string;
  confirmLabel: string;
  submitLabel: string;
  /** Sends the password; a rejection with a 400 detail on `serverField` shows on the password field. */
  onSubmit: (password: string) => Promise<void>;
  /** The field name the API uses in its policy details ('newPassword' for a reset, 'password' for invitations). */
  serverField: string;
  /** Words the strength meter should count as guessable (e.g. parts of the email). */
  userInputs?: string[];
}

/** Choose a password, type it again, see how strong it is: the reset and invitation pages. */
export function NewPasswordForm(props: NewPasswordFormProps) {
  const { passwordLabel, confirmLabel, submitLabel, onSubmit, serverField, userInputs } = props;
  const fieldError = useFieldError();
  const {
    register,
    handleSubmit,
    control,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NewPasswordInput, unknown, NewPasswordValues>({
    resolver: newPasswordResolver,
    defaultValues: { newPassword: '', confirmPassword: '' },
  });
  const password = useWatch({ control, name: 'newPassword' });

  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(values.newPassword);
    } catch (error) {
      const problem = toApiProblem(error);
      const detail =
        problem.status === 400 ? problem.details.find((d) => d.field === serverField) : undefined;
      if (detail) setError('newPassword', { type: 'server', message: detail.message });
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Stack gap={6}>
          <PasswordField
            {...register('newPassword')}
            label={passwordLabel}
            error={fieldError(errors.newPassword)}
            autoComplete="new-password"
            required
          />
          <PasswordStrengthMeter password={password} userInputs={userInputs} />
        </Stack>
        <PasswordField
          {...register('confirmPassword')}
          label={confirmLabel}
          error={fieldError(errors.confirmPassword)}
          autoComplete="new-password"
          required
        />
        <Button type="submit" size="md" fullWidth loading={isSubmitting}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
