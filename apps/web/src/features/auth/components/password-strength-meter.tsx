import { Progress, Stack, Text } from '@mantine/core';
import { PASSWORD_MIN_LENGTH } from '@shala/contracts';
import { useEffect, useState } from 'react';
import { useAuthText } from '../i18n';

type Score = 0 | 1 | 2 | 3 | 4;
type Estimator = typeof import('./password-strength-estimator').estimateStrength;

let estimatorLoad: Promise<Estimator> | null = null;

/** Loads zxcvbn-ts on first use (its own chunk; see password-strength-estimator.ts). */
function loadEstimator(): Promise<Estimator> {
  estimatorLoad ??= import('./password-strength-estimator').then((module) => module.estimateStrength);
  return estimatorLoad;
}

const scoreColor: Record<Score, string> = { 0: 'red', 1: 'red', 2: 'orange', 3: 'teal', 4: 'green' };

/**
 * How guessable the new password is (zxcvbn-ts). Advisory only: the API's policy (length, common
 * passwords) is what accepts or refuses it, and its answer shows on the field.
 */
export function PasswordStrengthMeter({
  password,
  userInputs = [],
}: {
  password: string;
  userInputs?: string[];
}) {
  const t = useAuthText();
  const [result, setResult] = useState<{ password: string; score: Score } | null>(null);
  const inputsKey = userInputs.join('\u0000');

  useEffect(() => {
    if (!password) return undefined;
    let cancelled = false;
    // A short pause, so the estimate runs once the user stops typing rather than on every key.
    const timer = setTimeout(() => {
      void loadEstimator().then((estimate) => {
        if (!cancelled)
          setResult({ password, score: estimate(password, inputsKey ? inputsKey.split('\u0000') : []) });
      });
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [password, inputsKey]);

  const score = password && result?.password === password ? result.score : null;
  // Below the minimum length the API refuses it anyway: never call such a password more than weak.
  const shown: Score | null =
    score === null ? null : password.length < PASSWORD_MIN_LENGTH ? (Math.min(score, 1) as Score) : score;
  const label = shown === null ? null : t(`strength.score${shown}`);

  return (
    <Stack gap={4} data-testid="password-strength">
      <Progress
        value={shown === null ? 0 : ((shown + 1) / 5) * 100}
        color={shown === null ? 'gray' : scoreColor[shown]}
        size="sm"
        aria-label={t('strength.label')}
        aria-valuetext={label ?? undefined}
      />
      <Text size="xs" fw={600} c={shown === null ? 'dimmed' : scoreColor[shown]} aria-live="polite" mih={18}>
        {label ? `${t('strength.label')}: ${label}` : null}
      </Text>
      <Text size="xs" c="dimmed">
        {t('strength.hint', { min: PASSWORD_MIN_LENGTH })}
      </Text>
    </Stack>
  );
}
