import { Permission } from '@shala/contracts';
import { CircularsPage } from '../features/circulars/components/circulars-page';
import { SignedInPage } from './signed-in-page';

/** Circulars: readers see those addressed to them; publishers (circulars.publish) manage them all. */
export function CircularsRoute() {
  return (
    <SignedInPage permission={Permission.CircularsRead}>
      <CircularsPage />
    </SignedInPage>
  );
}
