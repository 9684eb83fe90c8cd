import { Paper, Stack, Text } from '@mantine/core';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Logo } from '../app/components/logo';
import { LanguageSwitcher } from '../features/auth/components/language-switcher';
import classes from './auth-layout.module.css';

/** Layout of the signed-out screens: the brand above one centred card. */
export function AuthLayout() {
  const { t } = useTranslation();
  return (
    <main className={classes.page}>
      <Stack className={classes.column} gap="lg">
        <Stack align="center" gap="sm">
          <Logo size="lg" />
          <LanguageSwitcher size="sm" />
        </Stack>
        <Paper withBorder shadow="md" p={{ base: 'lg', xs: 'xl' }}>
          <Outlet />
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          {t('app.tagline')}
        </Text>
      </Stack>
    </main>
  );
}
