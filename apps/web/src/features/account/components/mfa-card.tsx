import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { PasswordField } from '../../../app/components/password-field';
import { notifications } from '@mantine/notifications';
import { AuthErrorCode } from '@shala/contracts';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useAccountText } from '../i18n';
import { toApiProblem } from '../../../app/api/errors';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useFieldError } from '../../../app/forms/field-error';
import { MfaSecretPanel } from '../../auth/components/mfa-secret-panel';
import { RecoveryCodesPanel } from '../../auth/components/recovery-codes-panel';
import { TotpCodeForm } from '../../auth/components/totp-code-form';
import { useCurrentUser } from '../../auth/hooks/current-user';
import {
  useConfirmMfaSetup,
  useDisableMfa,
  useRegenerateRecoveryCodes,
  useStartMfaSetup,
} from '../hooks/use-mfa-settings';
import type {
  DisableMfaInput,
  DisableMfaValues,
  ReauthenticateInput,
  ReauthenticateValues,
} from '../schemas/mfa-settings.schema';
import { lazyZodResolver } from '../../../app/forms/lazy-resolver';

const disableMfaResolver = lazyZodResolver(
  async () => (await import('../schemas/mfa-settings.schema')).disableMfaSchema,
);
const reauthenticateResolver = lazyZodResolver(
  async () => (await import('../schemas/mfa-settings.schema')).reauthenticateSchema,
);

type Dialog = 'setup' | 'disable' | 'regenerate' | null;

/** The signed-in user's TOTP MFA (AUT-06): turn it on with a QR code, off with re-authentication, new recovery codes. */
export function MfaCard() {
  const t = useAccountText();
  const me = useCurrentUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const start = useStartMfaSetup();

  const openSetup = () => {
    setDialog('setup');
    start.mutate();
  };
  const close = () => {
    setDialog(null);
    start.reset();
  };

  return (
    <Card component="section" aria-labelledby="mfa-title">
      <Group gap="sm" mb="xs" wrap="nowrap">
        {me.user.mfaEnabled ? (
          <IconShieldCheck size={22} color="var(--mantine-color-teal-6)" aria-hidden />
        ) : (
          <IconShieldOff size={22} color="var(--mantine-color-gray-6)" aria-hidden />
        )}
        <Title order={2} size="h4" id="mfa-title">
          {t('mfa.title')}
        </Title>
        <Badge variant="light" color={me.user.mfaEnabled ? 'teal' : 'gray'} tt="none">
          {me.user.mfaEnabled ? t('common.on') : t('common.off')}
        </Badge>
      </Group>
      <Stack gap="sm">
        <Text size="sm">{me.user.mfaEnabled ? t('mfa.isOn') : t('mfa.isOff')}</Text>
        {me.mfaRequired ? (
          <Text size="sm" c="dimmed">
            {t('mfa.requiredByRole')}
          </Text>
        ) : null}
        <Group gap="xs">
          {me.user.mfaEnabled ? (
            <>
              <Button variant="default" onClick={() => setDialog('regenerate')}>
                {t('mfa.regenerate')}
              </Button>
              <Button variant="light" color="red" onClick={() => setDialog('disable')}>
                {t('mfa.disable')}
              </Button>
            </>
          ) : (
            <Button onClick={openSetup}>{t('mfa.enable')}</Button>
          )}
        </Group>
      </Stack>

      <SetupDialog opened={dialog === 'setup'} start={start} onClose={close} />
      <DisableDialog opened={dialog === 'disable'} onClose={close} />
      <RegenerateDialog opened={dialog === 'regenerate'} onClose={close} />
    </Card>
  );
}

function SetupDialog({
  opened,
  start,
  onClose,
}: {
  opened: boolean;
  start: ReturnType<typeof useStartMfaSetup>;
  onClose: () => void;
}) {
  const t = useAccountText();
  // The enrolment and recovery-code strings are the sign-in screens' (the auth namespace).
  const { t: tAuth } = useTranslation('auth');
  const me = useCurrentUser();
  const confirm = useConfirmMfaSetup();
  const [codes, setCodes] = useState<string[] | null>(null);

  const close = () => {
    setCodes(null);
    confirm.reset();
    onClose();
  };
  const submitCode = async (code: string) => {
    try {
      const result = await confirm.mutateAsync(code);
      setCodes(result.recoveryCodes);
    } catch {
      // Shown by the alert (confirm.error).
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={codes ? tAuth('recoveryCodes.title') : t('mfa.setupTitle')}
      centered
      // Once the codes are on screen the dialog closes only through "I have saved them".
      withCloseButton={!codes}
      closeOnEscape={!codes}
      closeOnClickOutside={!codes}
    >
      {codes ? (
        <RecoveryCodesPanel
          codes={codes}
          email={me.user.email}
          doneLabel={tAuth('recoveryCodes.done')}
          onDone={() => {
            close();
            notifications.show({ color: 'teal', message: t('mfa.enabled') });
          }}
        />
      ) : start.isError ? (
        <ApiErrorAlert error={start.error} title={t('mfa.failed')} />
      ) : !start.data ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : (
        <Stack gap="md">
          <MfaSecretPanel secret={start.data.secret} otpauthUri={start.data.otpauthUri} />
          <Text size="sm">{tAuth('enrolment.confirmIntro')}</Text>
          {confirm.isError ? (
            <ApiErrorAlert error={confirm.error} title={tAuth('enrolment.confirmFailed')} />
          ) : null}
          <TotpCodeForm
            label={tAuth('enrolment.code')}
            submitLabel={tAuth('enrolment.confirm')}
            onSubmit={submitCode}
            focusOnMount={false}
          />
        </Stack>
      )}
    </Modal>
  );
}

function DisableDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useAccountText();
  const fieldError = useFieldError();
  const me = useCurrentUser();
  const disable = useDisableMfa();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<DisableMfaInput, unknown, DisableMfaValues>({
    resolver: disableMfaResolver,
    defaultValues: { password: '', code: '' },
  });
  const close = () => {
    reset();
    disable.reset();
    onClose();
  };

  const submit = handleSubmit(async (values) => {
    try {
      await disable.mutateAsync(values);
      close();
      notifications.show({ color: 'teal', message: t('mfa.disabled') });
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.code === AuthErrorCode.ReauthenticationFailed && problem.message) {
        setError('password', { type: 'server', message: problem.message });
      } else if (problem.code === AuthErrorCode.InvalidMfaCode && problem.message) {
        setError('code', { type: 'server', message: problem.message });
      }
    }
  });
  const fieldCodes: string[] = [AuthErrorCode.ReauthenticationFailed, AuthErrorCode.InvalidMfaCode];
  const alertError =
    disable.isError && !fieldCodes.includes(toApiProblem(disable.error).code ?? '') ? disable.error : null;

  return (
    <Modal opened={opened} onClose={close} title={t('mfa.disableTitle')} centered>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('mfa.disableBody')}</Text>
          {me.mfaRequired ? (
            <Alert color="yellow" variant="light">
              <Text size="sm">{t('mfa.disableRequired')}</Text>
            </Alert>
          ) : null}
          {alertError ? <ApiErrorAlert error={alertError} title={t('mfa.failed')} /> : null}
          <PasswordField
            {...register('password')}
            label={t('mfa.password')}
            error={fieldError(errors.password)}
            autoComplete="current-password"
            required
          />
          <TextInput
            {...register('code')}
            label={t('mfa.code')}
            error={fieldError(errors.code)}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={isSubmitting}>
              {t('mfa.disableSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RegenerateDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useAccountText();
  const fieldError = useFieldError();
  // The enrolment and recovery-code strings are the sign-in screens' (the auth namespace).
  const { t: tAuth } = useTranslation('auth');
  const me = useCurrentUser();
  const regenerate = useRegenerateRecoveryCodes();
  const [codes, setCodes] = useState<string[] | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ReauthenticateInput, unknown, ReauthenticateValues>({
    resolver: reauthenticateResolver,
    defaultValues: { password: '' },
  });
  const close = () => {
    reset();
    regenerate.reset();
    setCodes(null);
    onClose();
  };

  const submit = handleSubmit(async ({ password }) => {
    try {
      const result = await regenerate.mutateAsync(password);
      setCodes(result.recoveryCodes);
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.code === AuthErrorCode.ReauthenticationFailed && problem.message) {
        setError('password', { type: 'server', message: problem.message });
      }
    }
  });
  const alertError =
    regenerate.isError && toApiProblem(regenerate.error).code !== AuthErrorCode.ReauthenticationFailed
      ? regenerate.error
      : null;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={codes ? tAuth('recoveryCodes.title') : t('mfa.regenerateTitle')}
      centered
      withCloseButton={!codes}
      closeOnEscape={!codes}
      closeOnClickOutside={!codes}
    >
      {codes ? (
        <RecoveryCodesPanel
          codes={codes}
          email={me.user.email}
          doneLabel={tAuth('recoveryCodes.done')}
          onDone={close}
        />
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('mfa.regenerateBody')}</Text>
            {alertError ? <ApiErrorAlert error={alertError} title={t('mfa.failed')} /> : null}
            <PasswordField
              {...register('password')}
              label={t('mfa.password')}
              error={fieldError(errors.password)}
              autoComplete="current-password"
              required
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={isSubmitting}>
                {t('mfa.regenerateSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
