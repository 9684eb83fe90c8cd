import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AccountCard } from '../features/auth/components/account-card';
import { displayNameOf } from '../features/auth/components/display-name';
import { useMe } from '../features/auth/hooks/use-me';
import { HealthCard } from '../features/health/components/health-card';

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
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <AccountCard />
        <HealthCard />
      </SimpleGrid>
    </Stack>
  );
}
