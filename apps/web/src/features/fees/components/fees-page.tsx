import { Alert, Button, Stack } from '@mantine/core';
import { DefaultRole, Permission } from '@shala/contracts';
import { lazy, type ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../app/components/page-header';
import { PageTabs } from '../../../app/components/page-tabs';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { useFeesText } from '../i18n';
import { FamilyFees } from './family-fees';
import { RecordPayment } from './record-payment';

const StudentAccounts = lazy(async () => ({
  default: (await import('./student-accounts')).StudentAccounts,
}));
const ClassInvoicing = lazy(async () => ({ default: (await import('./class-invoicing')).ClassInvoicing }));
const PaymentsRegister = lazy(async () => ({
  default: (await import('./payments-register')).PaymentsRegister,
}));
const DuesReport = lazy(async () => ({ default: (await import('./dues-report')).DuesReport }));
const CollectionsReport = lazy(async () => ({
  default: (await import('./collections-report')).CollectionsReport,
}));
const FeeSetup = lazy(async () => ({ default: (await import('./fee-setup')).FeeSetup }));

type StaffTab = 'collect' | 'payments' | 'accounts' | 'invoicing' | 'dues' | 'collections' | 'setup';

/** Roles whose fee view is limited to their own students (the API's StudentAccessPolicy); others are staff. */
const OWNERSHIP_ROLES: readonly string[] = [DefaultRole.Teacher, DefaultRole.Parent, DefaultRole.Student];

/** The office's fee tabs this user's permissions allow, in the order of a working day. */
function useStaffTabs(): { key: StaffTab; panel: ReactNode }[] {
  const me = useCurrentUser();
  const can = (permission: Permission) => me.permissions.includes(permission);
  const staff = me.roles.some((role) => !OWNERSHIP_ROLES.includes(role)) && can(Permission.FeesRead);
  const tabs: { key: StaffTab; panel: ReactNode }[] = [];
  if (can(Permission.FeesCollect)) tabs.push({ key: 'collect', panel: <RecordPayment /> });
  if (!staff) return tabs;
  tabs.push({ key: 'payments', panel: <PaymentsRegister /> });
  tabs.push({ key: 'accounts', panel: <StudentAccounts /> });
  if (can(Permission.FeesSetup)) tabs.push({ key: 'invoicing', panel: <ClassInvoicing /> });
  tabs.push({ key: 'dues', panel: <DuesReport /> });
  tabs.push({ key: 'collections', panel: <CollectionsReport /> });
  if (can(Permission.FeesSetup)) tabs.push({ key: 'setup', panel: <FeeSetup /> });
  return tabs;
}

/** /fees: parents see their children's dues and pay; the office works in tabs (?tab=) by permission. */
export function FeesPage() {
  const t = useFeesText();
  const isPayer = useCan(Permission.FeesPay);
  const ownConsents = useCan(Permission.PrivacyConsentManage);
  const me = useCurrentUser();
  // A student reads their own dues and receipts (the API answers /fees/family for them); paying is a
  // guardian's (fees.pay), so the family view shows no Pay button to them.
  const ownFees = isPayer || me.roles.includes(DefaultRole.Student);

  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader
        title={t('title')}
        intro={isPayer ? t('parentIntro') : ownFees ? t('studentIntro') : t('intro')}
        actions={
          isPayer && ownConsents ? (
            <Button component={Link} to="/privacy?tab=consents" variant="subtle" size="xs">
              {t('family.consents')}
            </Button>
          ) : null
        }
      />
      {ownFees ? <FamilyFees /> : <StaffFees />}
    </Stack>
  );
}

function StaffFees() {
  const t = useFeesText();
  const tabs = useStaffTabs();
  if (tabs.length === 0) {
    return (
      <Alert color="gray" variant="light">
        {t('collect.noPermission')}
      </Alert>
    );
  }
  if (tabs.length === 1) return <>{tabs[0]?.panel}</>;
  return <PageTabs tabs={tabs.map((tab) => ({ ...tab, label: t(`tabs.${tab.key}`) }))} />;
}
