import { Alert, Button, Card, Center, Group, Loader, Select, Stack, Title } from '@mantine/core';
import { PRIVACY_REQUEST_STATUSES, Permission, type PrivacyRequestStatus } from '@shala/contracts';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { PageHeader } from '../../../app/components/page-header';
import { PageTabs } from '../../../app/components/page-tabs';
import { useCan } from '../../auth/hooks/current-user';
import { MyConsents } from '../../notifications/components/my-consents';
import { useStudents } from '../../students/hooks/use-students';
import { MyStudentConsents } from '../consent/components/my-student-consents';
import { GrievancesPanel } from '../grievances/components/grievances-panel';
import { MyGrievances } from '../grievances/components/my-grievances';
import { usePrivacyGrievancesText } from '../grievances/i18n';
import { IncidentsPanel } from '../incidents/components/incidents-panel';
import { usePrivacyIncidentsText } from '../incidents/i18n';
import { useCreatePrivacyRequest, usePrivacyRequests } from '../hooks/use-privacy';
import { MyNotice } from '../notice/components/my-notice';
import { NoticePanel } from '../notice/components/notice-panel';
import { usePrivacyNoticeText } from '../notice/i18n';
import { usePrivacyText } from '../i18n';
import { RetentionPanel } from '../retention/components/retention-panel';
import { usePrivacyRetentionText } from '../retention/i18n';
import { AskedStatus } from './asked-status';
import { CreateRequestModal } from './create-request-modal';
import { MyRequestModal } from './my-request-modal';
import { RequestList } from './request-list';
import { RecordsOfProcessingPanel, SubProcessorsPanel } from './transparency-panels';
import { StatusOverdueFilter } from './status-overdue-filter';

const Loading = () => (
  <Center py="md" role="status">
    <Loader size="sm" />
  </Center>
);

/** Staff: the school's requests, filtered by status or overdue, with a button to record a new one. */
function StaffRequests() {
  const t = usePrivacyText();
  const [status, setStatus] = useState<PrivacyRequestStatus | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const requests = usePrivacyRequests('requests', { status: status ?? undefined, overdue });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <StatusOverdueFilter
          statuses={PRIVACY_REQUEST_STATUSES}
          status={status}
          onStatus={setStatus}
          overdue={overdue}
          onOverdue={setOverdue}
          labels={{
            status: t('list.filterStatus'),
            all: t('list.allStatuses'),
            overdue: t('list.onlyOverdue'),
            of: (s) => t(`statuses.${s}`),
          }}
        />
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('create.open')}
        </Button>
      </Group>
      {notice ? (
        <Alert color="green" withCloseButton onClose={() => setNotice(null)} role="status">
          {notice}
        </Alert>
      ) : null}
      <Card withBorder padding={0}>
        {requests.isPending ? (
          <Loading />
        ) : requests.isError ? (
          <ApiErrorAlert error={requests.error} />
        ) : (
          <RequestList rows={requests.data} scope="requests" />
        )}
      </Card>
      {creating ? <CreateRequestModal onClose={() => setCreating(false)} onCreated={setNotice} /> : null}
    </Stack>
  );
}

/** A parent: ask for a copy of a child's data, and follow their own requests and archives. */
function MyData() {
  const t = usePrivacyText();
  const children = useStudents({});
  const mine = usePrivacyRequests('my-requests', {});
  const create = useCreatePrivacyRequest('my-requests');
  const [child, setChild] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [asked, setAsked] = useState<string | null>(null);
  const kids = children.data?.pages.flatMap((p) => p.items) ?? [];
  const chosen = child ?? kids[0]?.id ?? null;
  return (
    <Stack gap="md" maw={900}>
      <Card withBorder>
        {children.isPending ? (
          <Loading />
        ) : kids.length === 0 ? (
          t('my.noChildren')
        ) : (
          <Group align="flex-end" wrap="wrap" gap="sm">
            <Select
              label={t('my.child')}
              data={kids.map((k) => ({ value: k.id, label: `${k.fullName} (${k.admissionNo})` }))}
              value={chosen}
              onChange={setChild}
              allowDeselect={false}
              w={280}
              maw="100%"
            />
            <Button
              loading={create.isPending}
              disabled={!chosen}
              onClick={() =>
                chosen && create.mutate({ type: 'access', subjectType: 'student', subjectId: chosen })
              }
            >
              {t('my.ask')}
            </Button>
            <Button variant="light" onClick={() => setAsking(true)}>
              {t('my.other')}
            </Button>
          </Group>
        )}
        {create.data ? <AskedStatus requestId={create.data.id} /> : null}
        {create.error ? <ApiErrorAlert error={create.error} /> : null}
        {asked ? (
          <Alert color="green" mt="sm" role="status" withCloseButton onClose={() => setAsked(null)}>
            {asked}
          </Alert>
        ) : null}
      </Card>
      {asking ? (
        <MyRequestModal
          kids={kids.map((k) => ({ id: k.id, label: `${k.fullName} (${k.admissionNo})` }))}
          onClose={() => setAsking(false)}
          onCreated={setAsked}
        />
      ) : null}
      <Card withBorder padding={0}>
        {mine.isPending ? (
          <Loading />
        ) : mine.isError ? (
          <ApiErrorAlert error={mine.error} />
        ) : (
          <RequestList rows={mine.data} scope="my-requests" />
        )}
      </Card>
    </Stack>
  );
}

/** A parent's grievances, about any of their children (the children list is shared with MyData's query). */
function ParentGrievances() {
  const children = useStudents({});
  const kids = (children.data?.pages.flatMap((p) => p.items) ?? []).map((k) => ({
    id: k.id,
    label: `${k.fullName} (${k.admissionNo})`,
  }));
  return <MyGrievances kids={kids} />;
}

/**
 * A parent's consents (issue 13): how the school may message them, per guardian record, then the
 * consents per child (sign-in account, photos, biometric attendance). Moved here from /notifications.
 */
function ParentConsents() {
  const t = usePrivacyText();
  return (
    <Stack gap="xl" maw={900}>
      <Stack gap="sm" data-testid="my-message-consents">
        <Title order={2} size="h4">
          {t('my.messagesTitle')}
        </Title>
        <MyConsents />
      </Stack>
      <MyStudentConsents />
    </Stack>
  );
}

/**
 * /privacy: for staff who handle privacy requests, the requests (due dates, overdue badges, status
 * changes, archives), the records of processing and the sub-processors; for a parent, "My data" in
 * tabs (?tab=): their requests and the notice, their consents, their grievances.
 */
export function PrivacyPage() {
  const t = usePrivacyText();
  const tg = usePrivacyGrievancesText();
  const ti = usePrivacyIncidentsText();
  const tn = usePrivacyNoticeText();
  const tr = usePrivacyRetentionText();
  const staff = useCan(Permission.PrivacyRequestsManage);
  if (!staff) {
    return (
      <Stack gap="lg">
        <PageHeader title={t('myTitle')} intro={t('myIntro')} />
        <PageTabs
          tabs={[
            {
              key: 'requests',
              label: t('tabs.myRequests'),
              panel: (
                <Stack gap="lg">
                  <MyData />
                  <MyNotice />
                </Stack>
              ),
            },
            { key: 'consents', label: t('tabs.consents'), panel: <ParentConsents /> },
            { key: 'grievances', label: tg('tab'), panel: <ParentGrievances /> },
          ]}
        />
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <PageHeader title={t('title')} intro={t('intro')} />
      <PageTabs
        tabs={[
          { key: 'requests', label: t('tabs.requests'), panel: <StaffRequests /> },
          { key: 'grievances', label: tg('tab'), panel: <GrievancesPanel /> },
          { key: 'incidents', label: ti('tab'), panel: <IncidentsPanel scope="privacy" /> },
          { key: 'notice', label: tn('tab'), panel: <NoticePanel /> },
          { key: 'processing', label: t('tabs.processing'), panel: <RecordsOfProcessingPanel /> },
          { key: 'sub-processors', label: t('tabs.subProcessors'), panel: <SubProcessorsPanel /> },
          { key: 'retention', label: tr('tab'), panel: <RetentionPanel /> },
        ]}
      />
    </Stack>
  );
}
