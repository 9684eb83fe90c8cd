import { Anchor, Badge, Button, Center, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Permission } from '@shala/contracts';
import { IconDownload, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { useClasses } from '../../academics/hooks/use-academics';
import { useCan } from '../../auth/hooks/current-user';
import {
  STUDENT_STATUSES,
  type StudentFilter,
  type StudentStatus,
  type StudentSummary,
} from '@shala/contracts';
import { useExportStudents, useStudents } from '../hooks/use-students';
import { useStudentsText } from '../i18n';
import { LoadMore } from '../../../app/components/load-more';
import { ResponsiveList } from '../../../app/components/responsive-list';

export const STATUS_COLOR: Record<StudentStatus, string> = {
  active: 'green',
  transferred: 'blue',
  withdrawn: 'gray',
  alumni: 'grape',
};

type ListParam = 'q' | 'admissionNo' | 'classId' | 'sectionId' | 'status' | 'sort';

export function StudentsList() {
  const t = useStudentsText();
  const statusBadge = (student: StudentSummary) => (
    <Badge color={STATUS_COLOR[student.status]} variant="light">
      {t(`status.${student.status}`)}
    </Badge>
  );
  const canWrite = useCan(Permission.StudentsWrite);
  const canImport = useCan(Permission.StudentsImport);
  const canExport = useCan(Permission.StudentsExport);
  const canReadAcademics = useCan(Permission.AcademicsRead);
  const classes = useClasses(canReadAcademics);

  // The filters live in the URL (?q=&admissionNo=&classId=&sectionId=&status=&sort=), so Back to the list
  // and a reload show the same students; each change replaces the entry rather than adding one.
  const [params, setParams] = useSearchParams();
  const setFilters = (changes: Partial<Record<ListParam, string | null>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes))
          if (value) next.set(key, value);
          else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const urlQ = params.get('q') ?? '';
  const urlNo = params.get('admissionNo') ?? '';
  const classId = params.get('classId');
  const sectionId = params.get('sectionId');
  const urlStatus = params.get('status');
  const status = STUDENT_STATUSES.find((s) => s === urlStatus) ?? null;
  const sort = params.get('sort') === 'admissionNo' ? 'admissionNo' : 'name';

  // The text boxes follow the URL, and typing reaches it after a pause.
  const [q, setQ] = useState(urlQ);
  const [admissionNo, setAdmissionNo] = useState(urlNo);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [debouncedNo] = useDebouncedValue(admissionNo.trim(), 300);
  useEffect(() => {
    if (debouncedQ !== urlQ) setFilters({ q: debouncedQ });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled change of the text writes the URL
  }, [debouncedQ]);
  useEffect(() => {
    if (debouncedNo !== urlNo) setFilters({ admissionNo: debouncedNo });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
  }, [debouncedNo]);
  useEffect(() => {
    setQ((current) => (current.trim() === urlQ ? current : urlQ));
  }, [urlQ]);
  useEffect(() => {
    setAdmissionNo((current) => (current.trim() === urlNo ? current : urlNo));
  }, [urlNo]);

  const filter: StudentFilter = {
    ...(urlQ ? { q: urlQ } : {}),
    ...(urlNo ? { admissionNo: urlNo } : {}),
    ...(classId ? { classId } : {}),
    ...(sectionId ? { sectionId } : {}),
    ...(status ? { status } : {}),
    sort,
  };
  const students = useStudents(filter);
  const exporter = useExportStudents();
  const filtered = Boolean(urlQ || urlNo || classId || sectionId || status);

  const classOptions = (classes.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const sectionOptions = (classes.data ?? [])
    .filter((c) => !classId || c.id === classId)
    .flatMap((c) => c.sections.map((s) => ({ value: s.id, label: `${c.name} ${s.name}` })));
  const items = students.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          <>
            {canWrite ? (
              <Button component={Link} to="new" leftSection={<IconPlus size={16} aria-hidden />}>
                {t('actions.add')}
              </Button>
            ) : null}
            {canImport ? (
              <Button
                component={Link}
                to="import"
                variant="light"
                leftSection={<IconFileImport size={16} aria-hidden />}
              >
                {t('actions.import')}
              </Button>
            ) : null}
            {canExport ? (
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                loading={exporter.isPending}
                onClick={() => exporter.mutate(filter)}
              >
                {t('actions.export')}
              </Button>
            ) : null}
          </>
        }
      />
      {exporter.isError ? <ApiErrorAlert error={exporter.error} /> : null}
      <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label={t('filters.label')}>
        <TextInput
          label={t('filters.q')}
          placeholder={t('filters.qPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          style={{ flex: '1 1 12rem' }}
        />
        <TextInput
          label={t('filters.admissionNo')}
          value={admissionNo}
          onChange={(event) => setAdmissionNo(event.currentTarget.value)}
          style={{ flex: '1 1 9rem' }}
        />
        {canReadAcademics ? (
          <>
            <Select
              label={t('filters.class')}
              placeholder={t('filters.any')}
              data={classOptions}
              value={classId}
              onChange={(value) => setFilters({ classId: value, sectionId: null })}
              clearable
              style={{ flex: '1 1 8rem' }}
            />
            <Select
              label={t('filters.section')}
              placeholder={t('filters.any')}
              data={sectionOptions}
              value={sectionId}
              onChange={(value) => setFilters({ sectionId: value })}
              clearable
              style={{ flex: '1 1 8rem' }}
            />
          </>
        ) : null}
        <Select
          label={t('filters.status')}
          placeholder={t('filters.any')}
          data={STUDENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={(value) => setFilters({ status: value })}
          clearable
          style={{ flex: '1 1 8rem' }}
        />
        <Select
          label={t('filters.sort')}
          data={[
            { value: 'name', label: t('filters.sortName') },
            { value: 'admissionNo', label: t('filters.sortAdmissionNo') },
          ]}
          value={sort}
          onChange={(value) => setFilters({ sort: value === 'admissionNo' ? value : null })}
          allowDeselect={false}
          style={{ flex: '1 1 8rem' }}
        />
      </Group>

      {students.isPending ? (
        <Center py="xl" role="status">
          <Loader aria-label={t('list.table')} />
        </Center>
      ) : students.isError ? (
        <ApiErrorAlert error={students.error} />
      ) : items.length === 0 ? (
        <EmptyState>{filtered ? t('list.empty') : t('list.emptyNoFilter')}</EmptyState>
      ) : (
        <ResponsiveList
          label={t('list.table')}
          rows={items}
          rowKey={(student) => student.id}
          rowProps={() => ({ 'data-testid': 'student-row' })}
          minWidth={560}
          tableProps={{ striped: true, highlightOnHover: true }}
          columns={[
            {
              key: 'name',
              header: t('list.name'),
              cell: (student) => (
                <Anchor component={Link} to={student.id}>
                  {student.fullName}
                </Anchor>
              ),
            },
            { key: 'admissionNo', header: t('list.admissionNo'), cell: (student) => student.admissionNo },
            {
              key: 'classSection',
              header: t('list.classSection'),
              cell: (student) => classLabel(student, t('list.notEnrolled')),
            },
            { key: 'rollNo', header: t('list.rollNo'), cell: (student) => student.enrolment?.rollNo ?? '' },
            { key: 'status', header: t('list.status'), cell: statusBadge },
          ]}
          card={(student) => (
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Stack gap={2} miw={0}>
                <Anchor component={Link} to={student.id} fw={600}>
                  {student.fullName}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {student.admissionNo} · {classLabel(student, t('list.notEnrolled'))}
                </Text>
              </Stack>
              {statusBadge(student)}
            </Group>
          )}
        />
      )}
      <LoadMore query={students} />
    </Stack>
  );
}

function classLabel(student: StudentSummary, none: string): string {
  return student.enrolment ? `${student.enrolment.className} ${student.enrolment.sectionName}` : none;
}
