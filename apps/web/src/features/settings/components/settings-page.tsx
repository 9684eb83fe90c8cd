import { Card, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { Permission } from '@shala/contracts';
import type { ReactNode } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { PageHeader } from '../../../app/components/page-header';
import { YearsPanel } from '../../academics/components/years-panel';
import { useCan } from '../../auth/hooks/current-user';
import { SettingsPanel as AttendanceSettingsPanel } from '../../attendance/components/settings-panel';
import { useInstitutionProfile } from '../hooks/use-settings';
import { useSettingsText } from '../i18n';
import { LogoSection } from './logo-section';
import { ProfileForm } from './profile-form';
import { ReceiptFooterForm } from './receipt-footer-form';

function Section({
  id,
  title,
  help,
  children,
}: {
  id: string;
  title: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb={help ? 4 : 'sm'}>
        {title}
      </Title>
      {help ? (
        <Text size="sm" c="dimmed" mb="sm">
          {help}
        </Text>
      ) : null}
      {children}
    </Card>
  );
}

/**
 * The admin's school settings on one page: profile (name, time zone, address, contact), logo, receipt
 * footer, academic years, and the attendance settings (weekly offs, lock time, holidays). Each section
 * saves on its own and says so beside its button.
 */
export function SettingsPage() {
  const t = useSettingsText();
  const profile = useInstitutionProfile();
  const canWriteYears = useCan(Permission.AcademicsWrite);
  return (
    <Stack gap="lg">
      <PageHeader title={t('title')} intro={t('intro')} />
      <Stack gap="lg" maw={720}>
        {profile.isPending ? (
          <Center py="md" role="status">
            <Loader size="sm" />
          </Center>
        ) : profile.isError ? (
          <ApiErrorAlert error={profile.error} />
        ) : (
          <>
            <Section id="settings-profile" title={t('profile.title')} help={t('profile.help')}>
              <ProfileForm current={profile.data} />
            </Section>
            <Section id="settings-logo" title={t('logo.title')}>
              <LogoSection current={profile.data} />
            </Section>
            <Section id="settings-receipt" title={t('receipt.title')}>
              <ReceiptFooterForm current={profile.data} />
            </Section>
          </>
        )}
        <Section id="settings-years" title={t('years.title')}>
          <YearsPanel canWrite={canWriteYears} />
        </Section>
      </Stack>
      <AttendanceSettingsPanel />
    </Stack>
  );
}
