import { Permission } from '@shala/contracts';
import { CalendarPage } from '../features/calendar/components/calendar-page';
import { SignedInPage } from './signed-in-page';

export function CalendarRoute() {
  return (
    <SignedInPage permission={Permission.CalendarRead}>
      <CalendarPage />
    </SignedInPage>
  );
}
