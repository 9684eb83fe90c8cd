import { Permission } from '@shala/contracts';
import { FeesPage } from '../features/fees/components/fees-page';
import { SignedInPage } from './signed-in-page';

export function FeesRoute() {
  return (
    <SignedInPage permission={Permission.FeesRead}>
      <FeesPage />
    </SignedInPage>
  );
}
