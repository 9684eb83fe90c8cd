import { Alert, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../api/errors';

interface ApiErrorAlertProps {
  error: unknown;
  title?: string;
  /** Extra content under the message, e.g. a retry button. */
  children?: ReactNode;
}

/** Shows what went wrong: the API's own message from its error envelope, or a plain fallback. */
export function ApiErrorAlert({ error, title, children }: ApiErrorAlertProps) {
  const { t } = useTranslation();
  const problem = toApiProblem(error);
  const message =
    problem.message ??
    (problem.kind === 'network'
      ? t('errors.network')
      : problem.status > 0
        ? t('errors.unexpected', { status: problem.status })
        : t('errors.unexpectedAnswer'));

  return (
    <Alert
      color="red"
      variant="light"
      title={title ?? t('errors.title')}
      icon={<IconAlertCircle aria-hidden />}
    >
      <Text size="sm">{message}</Text>
      {problem.requestId ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t('errors.reference', { requestId: problem.requestId })}
        </Text>
      ) : null}
      {children}
    </Alert>
  );
}
