import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useAuthText } from '../i18n';
import { Link } from 'react-router';
import type { SignInOutcome } from '../api/auth.types';
import { LoginForm } from './login-form';

type Steps = typeof import('./sign-in-steps');

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
  // The later steps' code, fetched before the first of them shows (the sign-in button spins meanwhile),
  // so a step appears whole, its heading and its form together. A chunk that cannot be fetched (gone
  // after a deploy) is the route's error: its boundary offers a reload.
  const [steps, setSteps] = useState<Steps | null>(null);
  const [stepsFailed, setStepsFailed] = useState<{ error: unknown } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step.kind);

  // Keyboard and screen-reader users land on each new step: the MFA step focuses its code field itself,
  // the others focus their heading. A layout effect: the heading has focus as soon as it is on the screen
  // (Preact runs plain effects only after the next paint).
  useLayoutEffect(() => {
    if (shownStep.current === step.kind) return;
    shownStep.current = step.kind;
    if (step.kind !== 'mfa') headingRef.current?.focus();
  }, [step.kind]);

  const handleOutcome = async (outcome: SignInOutcome, slug: string) => {
    setInstitution(slug);
    if (outcome.kind === 'signed-in') {
      onSignedIn();
      return;
    }
    try {
      setSteps(await import('./sign-in-steps'));
    } catch (error) {
      setStepsFailed({ error });
      return;
    }
    if (outcome.kind === 'mfa-required') setStep({ kind: 'mfa', mfaToken: outcome.mfaToken });
    else setStep({ kind: 'mfa-enrollment', mfaToken: outcome.mfaToken });
  };
  const backToCredentials = () => setStep({ kind: 'credentials' });
  if (stepsFailed) throw stepsFailed.error;

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
      ) : !steps ? null : step.kind === 'mfa' ? (
        <steps.MfaForm mfaToken={step.mfaToken} onSignedIn={onSignedIn} onCancel={backToCredentials} />
      ) : step.kind === 'mfa-enrollment' ? (
        <steps.MfaEnrollment
          mfaToken={step.mfaToken}
          onEnrolled={({ recoveryCodes, email }) => setStep({ kind: 'recovery-codes', recoveryCodes, email })}
          onCancel={backToCredentials}
        />
      ) : (
        <steps.RecoveryCodesPanel
          codes={step.recoveryCodes}
          email={step.email}
          doneLabel={t('recoveryCodes.continue')}
          onDone={onSignedIn}
        />
      )}
    </Stack>
  );
}
