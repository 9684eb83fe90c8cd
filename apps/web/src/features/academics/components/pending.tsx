import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';

/** A panel's query: a spinner while it loads, the API's error if it failed, else the panel. */
export function Pending({
  query,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown };
  children: ReactNode;
}) {
  if (query.isPending) {
    return (
      <Center py="lg" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  if (query.isError) return <ApiErrorAlert error={query.error} />;
  return <>{children}</>;
}
