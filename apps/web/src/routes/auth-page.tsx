// The pages beside sign-in render more of Mantine than the entry styles (app/styles/mantine-sign-in.ts).
import '../app/styles/mantine-rest';
import { Anchor, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A signed-out page inside AuthLayout's card: heading, optional intro, content, a way back to sign in. */
export function AuthPage({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {intro ? (
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
        ) : null}
      </Stack>
      {children}
      <Anchor component={Link} to="/login" size="sm" ta="center" c="dimmed">
        {t('common.backToSignIn')}
      </Anchor>
    </Stack>
  );
}
