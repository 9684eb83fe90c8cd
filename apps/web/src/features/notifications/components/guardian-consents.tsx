import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconSearch, IconUsers } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { formatDateTime } from '../../../app/format';
import { useCurrentUser } from '../../auth/hooks/current-user';
import type { StudentSummary } from '@shala/contracts';
import { useStudent, useStudents } from '../../students/hooks/use-students';
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  type ConsentChannel,
  type ConsentEntry,
  type ConsentPurpose,
  type StaffGuardianConsents,
} from '../api/consents.api';
import { useGuardianConsents, useStudentsByGuardianContact } from '../hooks/use-consents';
import { PlainList } from '../../../app/components/plain-list';
import { useNotificationsText } from '../i18n';
import { RecordConsentModal } from './record-consent-modal';
import { LoadMore } from '../../../app/components/load-more';

type Mode = 'student' | 'contact';

/**
 * Staff view of a guardian's consents (notifications.manage): find the guardian through a student (name)
 * or their exact phone or email, see each channel and purpose with its source and time, and record a
 * consent given or withdrawn at the school with how it was given (PRV-01).
 */
export function GuardianConsentsPanel() {
  const t = useNotificationsText();
  const [guardianId, setGuardianId] = useState<string | null>(null);
  if (guardianId)
    return <GuardianConsentsDetail guardianId={guardianId} onBack={() => setGuardianId(null)} />;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('guardians.intro')}
      </Text>
      <GuardianFinder onPick={setGuardianId} />
    </Stack>
  );
}

function GuardianFinder({ onPick }: { onPick: (guardianId: string) => void }) {
  const t = useNotificationsText();
  const [mode, setMode] = useState<Mode>('student');
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [studentId, setStudentId] = useState<string | null>(null);

  return (
    <Stack gap="md">
      <form
        noValidate
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setStudentId(null);
          setQuery(typed.trim());
        }}
      >
        <Stack gap="sm">
          <SegmentedControl
            aria-label={t('guardians.searchBy')}
            value={mode}
            onChange={(value) => {
              setMode(value as Mode);
              setQuery('');
              setStudentId(null);
            }}
            data={[
              { value: 'student', label: t('guardians.byStudent') },
              { value: 'contact', label: t('guardians.byContact') },
            ]}
            fullWidth
            maw={520}
          />
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={mode === 'student' ? t('guardians.studentQuery') : t('guardians.contactQuery')}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              inputMode={mode === 'contact' ? 'email' : 'text'}
              autoComplete="off"
              style={{ flex: '1 1 16rem' }}
              maw={420}
            />
            <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
              {t('guardians.search')}
            </Button>
          </Group>
        </Stack>
      </form>
      {studentId ? (
        <StudentGuardians studentId={studentId} onPick={onPick} onBack={() => setStudentId(null)} />
      ) : query ? (
        mode === 'student' ? (
          <StudentsByName q={query} onPick={setStudentId} />
        ) : (
          <StudentsByContact contact={query} onPick={setStudentId} />
        )
      ) : null}
    </Stack>
  );
}

function StudentsByName({ q, onPick }: { q: string; onPick: (id: string) => void }) {
  const t = useNotificationsText();
  const students = useStudents({ q });
  const items = students.data?.pages.flatMap((page) => page.items) ?? [];
  if (students.isPending) return <Loader aria-label={t('common.loading')} />;
  if (students.isError) return <ApiErrorAlert error={students.error} />;
  return (
    <StudentResults items={items} onPick={onPick} more={<LoadMore query={students} variant="light" />} />
  );
}

function StudentsByContact({ contact, onPick }: { contact: string; onPick: (id: string) => void }) {
  const { t: common } = useTranslation();
  const found = useStudentsByGuardianContact(contact);
  if (found.isPending) return <Loader aria-label={common('common.loading')} />;
  if (found.isError) return <ApiErrorAlert error={found.error} />;
  return <StudentResults items={found.data} onPick={onPick} />;
}

function StudentResults({
  items,
  onPick,
  more,
}: {
  items: StudentSummary[];
  onPick: (id: string) => void;
  more?: ReactNode;
}) {
  const t = useNotificationsText();
  if (items.length === 0) return <EmptyState icon={IconUsers}>{t('guardians.noResults')}</EmptyState>;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('guardians.pick')}
      </Text>
      <PlainList label={t('guardians.results')}>
        {items.map((student) => (
          <Card component="li" key={student.id} withBorder padding="xs">
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Stack gap={0} miw={0}>
                <Text size="sm" fw={500}>
                  {student.fullName}
                </Text>
                <Text size="xs" c="dimmed">
                  {student.admissionNo}
                  {student.enrolment
                    ? ` · ${student.enrolment.className} ${student.enrolment.sectionName}`
                    : ''}
                </Text>
              </Stack>
              <Button
                size="xs"
                variant="light"
                onClick={() => onPick(student.id)}
                aria-label={t('guardians.guardiansOf', { name: student.fullName })}
              >
                {t('guardians.showGuardians')}
              </Button>
            </Group>
          </Card>
        ))}
      </PlainList>
      {more}
    </Stack>
  );
}

function StudentGuardians({
  studentId,
  onPick,
  onBack,
}: {
  studentId: string;
  onPick: (guardianId: string) => void;
  onBack: () => void;
}) {
  const t = useNotificationsText();
  const student = useStudent(studentId);
  return (
    <Stack gap="sm">
      <BackLink onClick={onBack} />
      {student.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : student.isError ? (
        <ApiErrorAlert error={student.error} />
      ) : student.data.guardians.length === 0 ? (
        <EmptyState icon={IconUsers}>{t('guardians.noGuardians')}</EmptyState>
      ) : (
        <PlainList label={t('guardians.guardiansOf', { name: student.data.fullName })}>
          {student.data.guardians.map((guardian) => (
            <Card component="li" key={guardian.id} withBorder padding="xs">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={500}>
                    {guardian.fullName}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {[guardian.relationship, guardian.phone, guardian.email].filter(Boolean).join(' · ')}
                  </Text>
                </Stack>
                <Button
                  size="xs"
                  onClick={() => onPick(guardian.id)}
                  aria-label={t('guardians.open', { name: guardian.fullName })}
                >
                  {t('guardians.openShort')}
                </Button>
              </Group>
            </Card>
          ))}
        </PlainList>
      )}
    </Stack>
  );
}

function GuardianConsentsDetail({ guardianId, onBack }: { guardianId: string; onBack: () => void }) {
  const { t: common } = useTranslation();
  const consents = useGuardianConsents(guardianId);
  const [recording, setRecording] = useState<ConsentEntry | null>(null);

  return (
    <Stack gap="md">
      <BackLink onClick={onBack} />
      {consents.isPending ? (
        <Loader aria-label={common('common.loading')} />
      ) : consents.isError ? (
        <ApiErrorAlert error={consents.error} />
      ) : (
        <>
          <ConsentsOverview view={consents.data} onRecord={setRecording} />
          <ConsentHistory view={consents.data} />
          {recording ? (
            <RecordConsentModal
              guardian={consents.data}
              entry={recording}
              onClose={() => setRecording(null)}
            />
          ) : null}
        </>
      )}
    </Stack>
  );
}

function useSourceLabel() {
  const t = useNotificationsText();
  return (source: string | null) =>
    source && source in SOURCE_KEYS ? t(SOURCE_KEYS[source as keyof typeof SOURCE_KEYS]) : (source ?? '');
}

const SOURCE_KEYS = {
  parent_app: 'guardians.sources.parent_app',
  school_office: 'guardians.sources.school_office',
  paper_form: 'guardians.sources.paper_form',
  import: 'guardians.sources.import',
} as const;

function ConsentsOverview({
  view,
  onRecord,
}: {
  view: StaffGuardianConsents;
  onRecord: (entry: ConsentEntry) => void;
}) {
  const t = useNotificationsText();
  const timeZone = useCurrentUser().institution.timeZone;
  const sourceLabel = useSourceLabel();
  const entry = (channel: ConsentChannel, purpose: ConsentPurpose): ConsentEntry =>
    view.consents.find((e) => e.channel === channel && e.purpose === purpose) ?? {
      channel,
      purpose,
      granted: false,
      source: null,
      recordedAt: null,
      recordedByUserId: null,
    };
  const reachable = CONSENT_CHANNELS.filter((channel) => view.reachable[channel]);

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {view.fullName}
      </Title>
      <Text size="sm">
        {t('guardians.reachable')}:{' '}
        {reachable.length
          ? reachable.map((channel) => t(`channel.${channel}`)).join(', ')
          : t('guardians.noAddress')}
      </Text>
      <PlainList label={t('guardians.table', { name: view.fullName })} gap="sm">
        {CONSENT_PURPOSES.map((purpose) => (
          <Card component="li" key={purpose} withBorder padding="sm">
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t(`consents.purposes.${purpose}`)}
              </Text>
              {CONSENT_CHANNELS.map((channel) => {
                const current = entry(channel, purpose);
                const cell = t('guardians.recordCell', {
                  purpose: t(`consents.purposes.${purpose}`),
                  channel: t(`channel.${channel}`),
                });
                return (
                  <Group
                    key={channel}
                    justify="space-between"
                    gap="xs"
                    wrap="wrap"
                    data-testid={`consent-${purpose}-${channel}`}
                  >
                    <Group gap="xs" wrap="wrap" miw={0} style={{ flex: '1 1 14rem' }}>
                      <Text size="sm" w={90}>
                        {t(`channel.${channel}`)}
                      </Text>
                      <Badge color={current.granted ? 'green' : 'gray'} variant="light">
                        {current.granted
                          ? t('guardians.granted')
                          : current.source
                            ? t('guardians.notGranted')
                            : t('guardians.never')}
                      </Badge>
                      {current.source ? (
                        <Text size="xs" c="dimmed">
                          {t('guardians.recorded', {
                            source: sourceLabel(current.source),
                            at: formatDateTime(current.recordedAt, timeZone),
                          })}
                        </Text>
                      ) : null}
                    </Group>
                    <Button size="xs" variant="subtle" onClick={() => onRecord(current)} aria-label={cell}>
                      {t('guardians.record')}
                    </Button>
                  </Group>
                );
              })}
            </Stack>
          </Card>
        ))}
      </PlainList>
    </Stack>
  );
}

function ConsentHistory({ view }: { view: StaffGuardianConsents }) {
  const t = useNotificationsText();
  const timeZone = useCurrentUser().institution.timeZone;
  const sourceLabel = useSourceLabel();
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('guardians.history')}
      </Title>
      {view.history.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('guardians.noHistory')}
        </Text>
      ) : (
        <PlainList label={t('guardians.history')} gap={6}>
          {view.history.map((event, index) => (
            <li key={`${event.recordedAt}-${event.channel}-${event.purpose}-${index}`}>
              <Text size="sm">
                {t('guardians.historyEntry', {
                  decision: event.granted ? t('guardians.grant') : t('guardians.withdraw'),
                  purpose: t(`consents.purposes.${event.purpose}`),
                  channel: t(`channel.${event.channel}`),
                })}
              </Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {t('guardians.recorded', {
                  source: sourceLabel(event.source),
                  at: formatDateTime(event.recordedAt, timeZone),
                })}
                {event.note ? ` · ${event.note}` : ''}
              </Text>
            </li>
          ))}
        </PlainList>
      )}
    </Stack>
  );
}

function BackLink({ onClick }: { onClick: () => void }) {
  const t = useNotificationsText();
  return (
    <Anchor component="button" type="button" size="sm" onClick={onClick} w="fit-content">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('guardians.back')}
      </Group>
    </Anchor>
  );
}
