import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../app/components/page-header';
import { PageTabs } from '../app/components/page-tabs';
import { ChangePasswordCard } from '../features/account/components/change-password-card';
import { MfaCard } from '../features/account/components/mfa-card';
import { ProfileCard } from '../features/account/components/profile-card';
import { SessionsCard } from '../features/account/components/sessions-card';
import { SignedInPage } from './signed-in-page';

const TABS = { profile: '/account', security: '/account/security' } as const;

/** /account (profile and devices) and /account/security (password and MFA). */
export function AccountRoute() {
  const { t } = useTranslation('account');
  const location = useLocation();
  const navigate = useNavigate();
  const tab = location.pathname.startsWith(TABS.security) ? 'security' : 'profile';

  return (
    <SignedInPage>
      <Stack gap="lg" maw={1100}>
        <PageHeader title={t('title')} />
        <PageTabs
          active={tab}
          onChange={(key) => void navigate(TABS[key as keyof typeof TABS])}
          panelTop="lg"
          tabs={[
            {
              key: 'profile',
              label: t('tabs.profile'),
              panel: (
                <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
                  <ProfileCard />
                  <SessionsCard />
                </SimpleGrid>
              ),
            },
            {
              key: 'security',
              label: t('tabs.security'),
              panel: (
                <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
                  <ChangePasswordCard />
                  <MfaCard />
                </SimpleGrid>
              ),
            },
          ]}
        />
      </Stack>
    </SignedInPage>
  );
}
