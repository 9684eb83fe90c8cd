import { Permission } from '@shala/contracts';
import { TimetablePage } from '../features/timetable/components/timetable-page';
import { SignedInPage } from './signed-in-page';

export function TimetableRoute() {
  return (
    <SignedInPage permission={Permission.TimetableRead}>
      <TimetablePage />
    </SignedInPage>
  );
}
