import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useAuthText } from '../i18n';
import { Link } from 'react-router';
import type { SignInOutcome } from '../api/auth.types';
import { LoginForm } from './login-form';
import { MfaEnrollment } from './mfa-enrollment';
import { MfaForm } from './mfa-form';
import { RecoveryCodesPanel } from './recovery-codes-panel';

type Step =
  | { kind: 'credentials' }
  | { kind: 'mfa'; mfaToken: string }
  | { kind: 'mfa-enrollment'; mfaToken: string }
  | { kind: 'recovery-codes'; recoveryCodes: string[]; email: string };

interface SignInFlowProps {
  onSignedIn: () => void;
  /** Prefills the form, e.g. after accepting an invitation. */
  defaultInstitution?: string;
  defaultEmail?: string;
  /** Shown above the form on the first step (session ended, invitation accepted). */
  notice?: ReactNode;
}

/** Password, then (when the account has it) the second factor or its forced enrolment, then onSignedIn. */
export function SignInFlow({
  onSignedIn,
  defaultInstitution = '',
  defaultEmail = '',
  notice,
}: SignInFlowProps) {
  const t = useAuthText();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [institution, setInstitution] = useState(defaultInstitution);
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

  const title = {
    credentials: t('login.title'),
    mfa: t('mfa.title'),
    'mfa-enrollment': t('enrolment.title'),
    'recovery-codes': t('recoveryCodes.title'),
  }[step.kind];

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Title>
        {step.kind === 'credentials' ? (
          <Text size="sm" c="dimmed">
            {t('login.subtitle')}
          </Text>
        ) : null}
      </Stack>
      {step.kind === 'credentials' ? (
        <>
          {notice}
          <LoginForm defaultInstitution={institution} defaultEmail={defaultEmail} onOutcome={handleOutcome} />
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('login.forgotPassword')}
          </Anchor>
        </>
      ) : step.kind === 'mfa' ? (
        <MfaForm mfaToken={step.mfaToken} onSignedIn={onSignedIn} onCancel={backToCredentials} />
      ) : step.kind === 'mfa-enrollment' ? (
        <MfaEnrollment
          mfaToken={step.mfaToken}
          onEnrolled={({ recoveryCodes, email }) => setStep({ kind: 'recovery-codes', recoveryCodes, email })}
          onCancel={backToCredentials}
        />
      ) : (
        <RecoveryCodesPanel
          codes={step.recoveryCodes}
          email={step.email}
          doneLabel={t('recoveryCodes.continue')}
          onDone={onSignedIn}
        />
      )}
    </Stack>
  );
}
