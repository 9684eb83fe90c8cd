import { SimpleGrid, Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../app/components/page-header';
import { ChangePasswordCard } from '../features/account/components/change-password-card';
import { MfaCard } from '../features/account/components/mfa-card';
import { ProfileCard } from '../features/account/components/profile-card';
import { SessionsCard } from '../features/account/components/sessions-card';
import { SignedInPage } from './signed-in-page';

const TABS = { profile: '/account', security: '/account/security' } as const;

/** /account (profile and devices) and /account/security (password and MFA). */
export function AccountRoute() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const tab = location.pathname.startsWith(TABS.security) ? 'security' : 'profile';

  return (
    <SignedInPage>
      <Stack gap="lg" maw={1100}>
        <PageHeader title={t('account.title')} />
        <Tabs
          value={tab}
          onChange={(value) => value && void navigate(TABS[value as keyof typeof TABS])}
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab value="profile">{t('account.tabs.profile')}</Tabs.Tab>
            <Tabs.Tab value="security">{t('account.tabs.security')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="profile" pt="lg">
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              <ProfileCard />
              <SessionsCard />
            </SimpleGrid>
          </Tabs.Panel>
          <Tabs.Panel value="security" pt="lg">
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              <ChangePasswordCard />
              <MfaCard />
            </SimpleGrid>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </SignedInPage>
  );
}
