import { Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInOutcome } from '../api/auth.types';
import { LoginForm } from './login-form';
import { MfaEnrollmentNotice } from './mfa-enrollment-notice';
import { MfaForm } from './mfa-form';

type Step =
  { kind: 'credentials' } | { kind: 'mfa'; mfaToken: string } | { kind: 'mfa-enrollment'; mfaToken: string };

/** Password, then (when the account has it) the second factor, then onSignedIn. */
export function SignInFlow({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [institution, setInstitution] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step.kind);

  // Keyboard and screen-reader users land on each new step: the MFA step focuses its code field itself,
  // the others focus their heading.
  useEffect(() => {
    if (shownStep.current === step.kind) return;
    shownStep.current = step.kind;
    if (step.kind !== 'mfa') headingRef.current?.focus();
  }, [step.kind]);

  const handleOutcome = (outcome: SignInOutcome, slug: string) => {
    setInstitution(slug);
    if (outcome.kind === 'signed-in') onSignedIn();
    else if (outcome.kind === 'mfa-required') setStep({ kind: 'mfa', mfaToken: outcome.mfaToken });
    else setStep({ kind: 'mfa-enrollment', mfaToken: outcome.mfaToken });
  };
  const backToCredentials = () => setStep({ kind: 'credentials' });

  const title =
    step.kind === 'credentials'
      ? t('auth.login.title')
      : step.kind === 'mfa'
        ? t('auth.mfa.title')
        : t('auth.enrolment.title');

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Title>
        {step.kind === 'credentials' ? (
          <Text size="sm" c="dimmed">
            {t('auth.login.subtitle')}
          </Text>
        ) : null}
      </Stack>
      {step.kind === 'credentials' ? (
        <LoginForm defaultInstitution={institution} onOutcome={handleOutcome} />
      ) : step.kind === 'mfa' ? (
        <MfaForm mfaToken={step.mfaToken} onSignedIn={onSignedIn} onCancel={backToCredentials} />
      ) : (
        <MfaEnrollmentNotice onCancel={backToCredentials} />
      )}
    </Stack>
  );
}
