import { Permission } from '@shala/contracts';
import { PageTabs } from '../app/components/page-tabs';
import { InstitutionsPanel } from '../features/platform/components/institutions-panel';
import { IncidentsPanel } from '../features/privacy/incidents/components/incidents-panel';
import { usePrivacyIncidentsText } from '../features/privacy/incidents/i18n';
import { SignedInPage } from './signed-in-page';

export function InstitutionsRoute() {
  const t = usePrivacyIncidentsText();
  return (
    <SignedInPage permission={Permission.PlatformInstitutionsManage}>
      <PageTabs
        tabs={[
          { key: 'schools', label: t('schoolsTab'), panel: <InstitutionsPanel /> },
          { key: 'incidents', label: t('operatorTab'), panel: <IncidentsPanel scope="platform" /> },
        ]}
      />
    </SignedInPage>
  );
}
