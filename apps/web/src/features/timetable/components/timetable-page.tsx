import { Button, Center, Group, Loader, Select, Stack } from '@mantine/core';
import { Permission } from '@shala/contracts';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { saveFile } from '../../../app/files';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { PageTabs } from '../../../app/components/page-tabs';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import {
  useClasses,
  useSubjectAssignments,
  useSubjects,
  useTeachers,
} from '../../academics/hooks/use-academics';
import {
  downloadTimetablePdf,
  useSectionTimetable,
  useTeacherTimetable,
  useTimetableSettings,
} from '../api/timetable.api';
import { useTimetableText } from '../i18n';
import { useStudents } from '../../students/hooks/use-students';
import { childLabel } from '../../attendance/components/child-label';
import { BellSchedulePanel } from './bell-schedule-panel';
import { SubstitutionsPanel } from './substitutions-panel';
import { type LessonOption, TimetableGrid } from './timetable-grid';

export function TimetablePage() {
  const t = useTimetableText();
  const staff = useCan(Permission.AcademicsRead);
  const manage = useCan(Permission.TimetableManage);
  return (
    <Stack gap="md">
      <PageHeader title={t('title')} intro={t('intro')} />
      <PageTabs
        tabs={[
          { key: 'sections', label: t('tabs.sections'), panel: <SectionsPanel /> },
          ...(staff ? [{ key: 'teachers', label: t('tabs.teachers'), panel: <TeachersPanel /> }] : []),
          ...(manage
            ? [
                { key: 'substitutions', label: t('tabs.substitutions'), panel: <SubstitutionsPanel /> },
                { key: 'bells', label: t('tabs.bells'), panel: <BellSchedulePanel /> },
              ]
            : []),
        ]}
      />
    </Stack>
  );
}

function useParam(name: string): [string | null, (value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const set = (value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [params.get(name), set];
}

function SectionsPanel() {
  const t = useTimetableText();
  const manage = useCan(Permission.TimetableManage);
  const staff = useCan(Permission.AcademicsRead);
  const classes = useClasses(staff);
  // Parents and students see their own (children's) sections: the API answers them with theirs only.
  const children = useStudents({}, !staff);
  const [asked, setSectionId] = useParam('section');
  const [editing, setEditing] = useState(false);
  const options = staff
    ? (classes.data?.flatMap((c) => c.sections.map((s) => ({ value: s.id, label: `${c.name} ${s.name}` }))) ??
      [])
    : familySections(children.data?.pages.flatMap((p) => p.items) ?? []);
  const sectionId = asked ?? (staff ? null : (options[0]?.value ?? null));
  const settings = useTimetableSettings();
  const timetable = useSectionTimetable(sectionId);
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        <Select
          label={t('section')}
          data={options}
          value={sectionId}
          onChange={(v) => {
            setSectionId(v);
            setEditing(false);
          }}
          searchable
          w={240}
        />
        {sectionId ? <PrintButton of={{ sectionId }} /> : null}
        {manage && sectionId ? (
          <Button variant={editing ? 'filled' : 'light'} onClick={() => setEditing((e) => !e)}>
            {editing ? t('done') : t('edit')}
          </Button>
        ) : null}
      </Group>
      {!sectionId ? (
        <EmptyState>{t('pickSection')}</EmptyState>
      ) : settings.isPending || timetable.isPending ? (
        <Center py="xl" role="status">
          <Loader size="sm" />
        </Center>
      ) : settings.isError ? (
        <ApiErrorAlert error={settings.error} />
      ) : timetable.isError ? (
        <ApiErrorAlert error={timetable.error} />
      ) : settings.data.days.length === 0 ? (
        <EmptyState>{t('noSchedule')}</EmptyState>
      ) : editing ? (
        <EditableSection sectionId={sectionId} />
      ) : (
        <TimetableGrid settings={settings.data} cells={timetable.data.cells} show="section" />
      )}
    </Stack>
  );
}

/** Each child's section once, labelled with the children in it (siblings may share one). */
export function familySections(kids: Parameters<typeof childLabel>[0][]): { value: string; label: string }[] {
  const bySection = new Map<string, string[]>();
  for (const kid of kids)
    if (kid.enrolment)
      bySection.set(kid.enrolment.sectionId, [
        ...(bySection.get(kid.enrolment.sectionId) ?? []),
        childLabel(kid),
      ]);
  return [...bySection.entries()].map(([value, labels]) => ({ value, label: labels.join(', ') }));
}

/** The grid with a select per cell: the section's subjects, each with the teacher assigned to it. */
function EditableSection({ sectionId }: { sectionId: string }) {
  const settings = useTimetableSettings();
  const timetable = useSectionTimetable(sectionId);
  const subjects = useSubjects();
  const assignments = useSubjectAssignments('');
  const teachers = useTeachers();
  if (!settings.data || !timetable.data || !subjects.data || !assignments.data)
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  const subjectName = new Map(subjects.data.map((s) => [s.id, s.name]));
  const teacherName = new Map((teachers.data ?? []).map((u) => [u.id, u.displayName]));
  const options: LessonOption[] = assignments.data
    .filter((a) => a.sectionId === sectionId)
    .map((a) => ({
      subjectId: a.subjectId,
      teacherUserId: a.teacherUserId,
      subjectName: subjectName.get(a.subjectId) ?? '',
      teacherName: teacherName.get(a.teacherUserId) ?? '',
    }))
    .sort((a, b) => a.subjectName.localeCompare(b.subjectName) || a.teacherName.localeCompare(b.teacherName));
  return (
    <TimetableGrid
      settings={settings.data}
      cells={timetable.data.cells}
      show="section"
      edit={{ sectionId, options }}
    />
  );
}

function TeachersPanel() {
  const t = useTimetableText();
  const me = useCurrentUser();
  const canListUsers = useCan(Permission.UsersRead);
  const teachers = useTeachers(canListUsers);
  const [asked, setTeacher] = useParam('teacher');
  const teacherId = asked ?? (canListUsers ? null : me.user.id);
  const settings = useTimetableSettings();
  const timetable = useTeacherTimetable(teacherId);
  const options = canListUsers
    ? (teachers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))
    : [{ value: me.user.id, label: me.user.displayName }];
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        <Select
          label={t('teacher')}
          data={options}
          value={teacherId}
          onChange={setTeacher}
          searchable
          w={280}
        />
        {teacherId ? <PrintButton of={{ teacherUserId: teacherId }} /> : null}
      </Group>
      {!teacherId ? (
        <EmptyState>{t('pickTeacher')}</EmptyState>
      ) : settings.isPending || timetable.isPending ? (
        <Center py="xl" role="status">
          <Loader size="sm" />
        </Center>
      ) : settings.isError ? (
        <ApiErrorAlert error={settings.error} />
      ) : timetable.isError ? (
        <ApiErrorAlert error={timetable.error} />
      ) : (
        <TimetableGrid settings={settings.data} cells={timetable.data.cells} show="teacher" />
      )}
    </Stack>
  );
}

/** Downloads the week as a PDF to print. */
function PrintButton({ of }: { of: { sectionId: string } | { teacherUserId: string } }) {
  const t = useTimetableText();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  return (
    <>
      <Button
        variant="default"
        loading={busy}
        onClick={() => {
          setBusy(true);
          setFailed(null);
          downloadTimetablePdf(of)
            .then(({ blob, fileName }) => saveFile(blob, fileName))
            .catch(setFailed)
            .finally(() => setBusy(false));
        }}
      >
        {t('print')}
      </Button>
      {failed ? <ApiErrorAlert error={failed} /> : null}
    </>
  );
}
