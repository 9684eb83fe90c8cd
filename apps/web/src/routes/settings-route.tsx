import { Permission } from '@shala/contracts';
import { SettingsPage } from '../features/settings/components/settings-page';
import { SignedInPage } from './signed-in-page';

export function SettingsRoute() {
  return (
    <SignedInPage permission={Permission.InstitutionSettingsWrite}>
      <SettingsPage />
    </SignedInPage>
  );
}
