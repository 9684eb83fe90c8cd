import { Permission } from '@shala/contracts';
import { AuditLogPanel } from '../features/audit/components/audit-log-panel';
import { SignedInPage } from './signed-in-page';

export function AuditRoute() {
  return (
    <SignedInPage permission={Permission.AuditRead}>
      <AuditLogPanel />
    </SignedInPage>
  );
}
