import { Permission } from '@shala/contracts';
import { useCan } from '../features/auth/hooks/current-user';
import { NotificationsPage } from '../features/notifications/components/notifications-page';
import { SignedInPage } from './signed-in-page';

/** Staff read the delivery log (notifications.read); parents manage their own consents here. */
export function NotificationsRoute() {
  return (
    <SignedInPage>
      <NotificationsGate />
    </SignedInPage>
  );
}

function NotificationsGate() {
  const canRead = useCan(Permission.NotificationsRead);
  const ownConsents = useCan(Permission.PrivacyConsentManage);
  return (
    <SignedInPage
      permission={canRead || !ownConsents ? Permission.NotificationsRead : Permission.PrivacyConsentManage}
    >
      <NotificationsPage />
    </SignedInPage>
  );
}
