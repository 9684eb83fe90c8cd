import { Permission } from '@shala/contracts';
import { PrivacyPage } from '../features/privacy/components/privacy-page';
import { SignedInPage } from './signed-in-page';

/** Admins handle requests; parents (who hold privacy.consent.manage) see "My data". */
export function PrivacyRoute() {
  return (
    <SignedInPage permission={Permission.PrivacyConsentManage}>
      <PrivacyPage />
    </SignedInPage>
  );
}
