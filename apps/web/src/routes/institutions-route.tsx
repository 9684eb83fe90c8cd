import { Permission } from '@shala/contracts';
import { InstitutionsPanel } from '../features/platform/components/institutions-panel';
import { SignedInPage } from './signed-in-page';

export function InstitutionsRoute() {
  return (
    <SignedInPage permission={Permission.PlatformInstitutionsManage}>
      <InstitutionsPanel />
    </SignedInPage>
  );
}
