import { Permission } from '@shala/contracts';
import { UsersPanel } from '../features/users/components/users-panel';
import { SignedInPage } from './signed-in-page';

export function UsersRoute() {
  return (
    <SignedInPage permission={Permission.UsersRead}>
      <UsersPanel />
    </SignedInPage>
  );
}
