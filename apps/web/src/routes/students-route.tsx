import { Permission } from '@shala/contracts';
import { StudentsPage } from '../features/students/components/students-page';
import { SignedInPage } from './signed-in-page';

export function StudentsRoute() {
  return (
    <SignedInPage permission={Permission.StudentsRead}>
      <StudentsPage />
    </SignedInPage>
  );
}
