import { Permission } from '@shala/contracts';
import { RolesPanel } from '../features/roles/components/roles-panel';
import { SignedInPage } from './signed-in-page';

export function RolesRoute() {
  return (
    <SignedInPage permission={Permission.RolesRead}>
      <RolesPanel />
    </SignedInPage>
  );
}
