import { Button, Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useDashboardText } from '../i18n';

/** A dashboard's loading and error states around its cards. */
export function DashboardQuery<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const t = useDashboardText();
  if (query.isPending)
    return (
      <Center py="lg" role="status" aria-live="polite">
        <Loader aria-label={t('loading')} />
      </Center>
    );
  if (query.isError)
    return (
      <ApiErrorAlert error={query.error}>
        <Button variant="light" color="red" size="xs" mt="sm" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </Button>
      </ApiErrorAlert>
    );
  return <>{children(query.data)}</>;
}
