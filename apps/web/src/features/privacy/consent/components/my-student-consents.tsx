import { Card, Loader, Stack, Switch, Text, Title } from '@mantine/core';
import { STUDENT_CONSENT_PURPOSES, type StudentConsentsView } from '@shala/contracts';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { useChangeMyStudentConsent, useMyStudentConsents } from '../hooks/use-student-consents';
import { usePrivacyConsentText } from '../i18n';
import { ConsentHistory } from './consent-history';

/**
 * A parent's consents per child (issue 13 item 7): sign-in account, photos, biometric attendance, each
 * given or withdrawn with a switch (recorded as given in the parent app), and the history.
 */
export function MyStudentConsents() {
  const t = usePrivacyConsentText();
  const mine = useMyStudentConsents();
  if (mine.isPending) return <Loader aria-label={t('common.loading')} />;
  if (mine.isError) return <ApiErrorAlert error={mine.error} />;
  return (
    <Stack gap="md" data-testid="my-student-consents">
      <Title order={2} size="h4">
        {t('mine.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('mine.help')}
      </Text>
      {mine.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('mine.empty')}
        </Text>
      ) : (
        mine.data.map((child) => <ChildConsents key={child.studentId} child={child} />)
      )}
    </Stack>
  );
}

function ChildConsents({ child }: { child: StudentConsentsView }) {
  const t = usePrivacyConsentText();
  const change = useChangeMyStudentConsent();
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {child.studentName}
        </Title>
        {STUDENT_CONSENT_PURPOSES.map((purpose) => {
          const entry = child.consents.find((c) => c.purpose === purpose);
          return (
            <Switch
              key={purpose}
              label={t(`purposes.${purpose}`)}
              aria-label={t('mine.switch', { purpose: t(`purposes.${purpose}`), name: child.studentName })}
              checked={entry?.granted === true}
              disabled={change.isPending}
              onChange={(event) =>
                change.mutate({
                  studentId: child.studentId,
                  purpose,
                  granted: event.currentTarget.checked,
                })
              }
            />
          );
        })}
        {change.isError ? <ApiErrorAlert error={change.error} title={t('mine.failed')} /> : null}
        <ConsentHistory events={child.history} />
      </Stack>
    </Card>
  );
}
