import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AccountCard } from '../features/auth/components/account-card';
import { displayNameOf } from '../features/auth/components/display-name';
import { useMe } from '../features/auth/hooks/use-me';
import { RoleDashboards } from '../features/dashboard/components/role-dashboards';
import { SignedInPage } from './signed-in-page';

export function DashboardRoute() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={1} size="h2">
          {t('dashboard.title')}
        </Title>
        {me.data ? (
          <Text c="dimmed">{t('dashboard.welcome', { name: displayNameOf(me.data.user) })}</Text>
        ) : null}
      </div>
      {me.data ? (
        <SignedInPage>
          <RoleDashboards />
        </SignedInPage>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <AccountCard />
      </SimpleGrid>
    </Stack>
  );
}
