import { Stack } from '@mantine/core';
import { Permission } from '@shala/contracts';
import { PageHeader } from '../app/components/page-header';
import { PageTabs } from '../app/components/page-tabs';
import { InstitutionsPanel } from '../features/platform/components/institutions-panel';
import { usePlatformText } from '../features/platform/i18n';
import { IncidentsPanel } from '../features/privacy/incidents/components/incidents-panel';
import { usePrivacyIncidentsText } from '../features/privacy/incidents/i18n';
import { SignedInPage } from './signed-in-page';

export function InstitutionsRoute() {
  const t = usePrivacyIncidentsText();
  const tp = usePlatformText();
  return (
    <SignedInPage permission={Permission.PlatformInstitutionsManage}>
      <Stack gap="lg" maw={1200}>
        <PageHeader title={tp('title')} intro={tp('intro')} />
        <PageTabs
          tabs={[
            { key: 'schools', label: t('schoolsTab'), panel: <InstitutionsPanel /> },
            { key: 'incidents', label: t('operatorTab'), panel: <IncidentsPanel scope="platform" /> },
          ]}
        />
      </Stack>
    </SignedInPage>
  );
}
