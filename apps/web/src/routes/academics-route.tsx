import { Permission } from '@shala/contracts';
import { AcademicsPage } from '../features/academics/components/academics-page';
import { SignedInPage } from './signed-in-page';

export function AcademicsRoute() {
  return (
    <SignedInPage permission={Permission.AcademicsRead}>
      <AcademicsPage />
    </SignedInPage>
  );
}
