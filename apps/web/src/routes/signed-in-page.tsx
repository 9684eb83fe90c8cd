import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import type { Permission } from '@shala/contracts';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../app/components/api-error-alert';
import { CurrentUserContext } from '../features/auth/hooks/current-user';
import { useMe } from '../features/auth/hooks/use-me';

interface SignedInPageProps {
  /** The page is for holders of this permission; others see why they cannot use it. */
  permission?: Permission;
  children: ReactNode;
}

/**
 * Renders a signed-in page once /me has answered, with /me in CurrentUserContext (so the page's queries
 * can key by institution). The API enforces every permission; this only spares users pages they cannot use.
 */
export function SignedInPage({ permission, children }: SignedInPageProps) {
  const { t } = useTranslation();
  const me = useMe();

  if (me.isPending) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <ApiErrorAlert error={me.error}>
        <Button variant="light" color="red" size="xs" mt="sm" onClick={() => void me.refetch()}>
          {t('common.retry')}
        </Button>
      </ApiErrorAlert>
    );
  }
  if (permission && !me.data.permissions.includes(permission)) {
    return (
      <Stack maw={560} gap="md">
        <Alert
          color="gray"
          variant="light"
          icon={<IconLock aria-hidden />}
          title={t('errors.forbiddenTitle')}
        >
          {t('errors.forbidden')}
        </Alert>
        <Button component={Link} to="/" variant="light" w="fit-content">
          {t('notFound.home')}
        </Button>
      </Stack>
    );
  }
  return <CurrentUserContext.Provider value={me.data}>{children}</CurrentUserContext.Provider>;
}
