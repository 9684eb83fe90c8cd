import { Permission } from '@shala/contracts';
import { AttendancePage } from '../features/attendance/components/attendance-page';
import { SignedInPage } from './signed-in-page';

export function AttendanceRoute() {
  return (
    <SignedInPage permission={Permission.AttendanceRead}>
      <AttendancePage />
    </SignedInPage>
  );
}
