// A lazy step of the sign-in page (sign-in-flow.tsx): it renders more of Mantine than the entry styles.
import '../../../app/styles/mantine-rest';
import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import type { MfaVerifyRequest } from '@shala/contracts';
import { useLayoutEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useAuthText } from '../i18n';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useFieldError } from '../../../app/forms/field-error';
import { useVerifyMfa } from '../hooks/use-verify-mfa';
import type { RecoveryCodeInput, RecoveryCodeValues } from '../schemas/mfa.schema';
import { TotpCodeForm } from './totp-code-form';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const recoveryCodeResolver = lazyZodResolver(
  async () => (await import('../schemas/mfa.schema')).recoveryCodeSchema,
);

interface MfaFormProps {
  mfaToken: string;
  onSignedIn: () => void;
  onCancel: () => void;
}

/** Second step of signing in (AUT-06): an authenticator code, or one of the single-use recovery codes. */
export function MfaForm({ mfaToken, onSignedIn, onCancel }: MfaFormProps) {
  const t = useAuthText();
  const verify = useVerifyMfa();
  const [mode, setMode] = useState<'code' | 'recovery'>('code');

  const submit = async (request: MfaVerifyRequest) => {
    try {
      await verify.mutateAsync(request);
      onSignedIn();
    } catch {
      // Shown by the alert below (verify.error).
    }
  };

  const switchMode = () => {
    verify.reset();
    setMode((current) => (current === 'code' ? 'recovery' : 'code'));
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {mode === 'code' ? t('mfa.codeIntro') : t('mfa.recoveryIntro')}
      </Text>
      {verify.isError ? <ApiErrorAlert error={verify.error} title={t('mfa.failed')} /> : null}
      {mode === 'code' ? (
        <TotpCodeForm
          label={t('mfa.code')}
          submitLabel={t('mfa.submit')}
          onSubmit={(code) => submit({ mfaToken, code })}
        />
      ) : (
        <RecoveryCodeForm onSubmit={(values) => submit({ mfaToken, recoveryCode: values.recoveryCode })} />
      )}
      <Stack gap={6} align="center">
        <Anchor component="button" type="button" size="sm" onClick={switchMode}>
          {mode === 'code' ? t('mfa.useRecoveryCode') : t('mfa.useAuthenticatorCode')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onCancel}>
          {t('common.backToSignIn')}
        </Anchor>
      </Stack>
    </Stack>
  );
}

function RecoveryCodeForm({ onSubmit }: { onSubmit: (values: RecoveryCodeValues) => Promise<void> }) {
  const t = useAuthText();
  const fieldError = useFieldError();
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<RecoveryCodeInput, unknown, RecoveryCodeValues>({
    resolver: recoveryCodeResolver,
    defaultValues: { recoveryCode: '' },
  });
  // Focused on mount (see TotpCodeForm: Preact would only set the autofocus attribute).
  useLayoutEffect(() => {
    setFocus('recoveryCode');
  }, [setFocus]);
  return (
    <form onSubmit={(event) => void handleSubmit(onSubmit)(event)} noValidate>
      <Stack gap="md">
        <TextInput
          {...register('recoveryCode')}
          label={t('mfa.recoveryCode')}
          placeholder={t('mfa.recoveryCodePlaceholder')}
          error={fieldError(errors.recoveryCode)}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <Button type="submit" size="md" fullWidth loading={isSubmitting}>
          {t('mfa.submit')}
        </Button>
      </Stack>
    </form>
  );
}
