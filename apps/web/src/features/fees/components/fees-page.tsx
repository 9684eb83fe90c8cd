import { Alert, Button, Stack } from '@mantine/core';
import { Permission } from '@shala/contracts';
import { Link } from 'react-router';
import { PageHeader } from '../../../app/components/page-header';
import { useCan } from '../../auth/hooks/current-user';
import { useFeesText } from '../i18n';
import { FamilyFees } from './family-fees';
import { RecordPayment } from './record-payment';

/** /fees: parents see their children's dues and pay; the office records payments at the counter. */
export function FeesPage() {
  const t = useFeesText();
  const isPayer = useCan(Permission.FeesPay);
  const canCollect = useCan(Permission.FeesCollect);
  const ownConsents = useCan(Permission.PrivacyConsentManage);

  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader
        title={t('title')}
        intro={isPayer ? t('parentIntro') : t('intro')}
        actions={
          isPayer && ownConsents ? (
            <Button component={Link} to="/notifications" variant="subtle" size="xs">
              {t('family.consents')}
            </Button>
          ) : null
        }
      />
      {isPayer ? (
        <FamilyFees />
      ) : canCollect ? (
        <RecordPayment />
      ) : (
        <Alert color="gray" variant="light">
          {t('collect.noPermission')}
        </Alert>
      )}
    </Stack>
  );
}
