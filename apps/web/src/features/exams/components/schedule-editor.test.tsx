import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedIn, teacherMe } from '../../../test/fixtures';
import { givenPhoneScreen } from '../../../test/phone';
import { renderApp } from '../../../test/render-app';
import type { ExamScheduleView, ExamStructureView, MeResponse } from '@shala/contracts';
import { sittingIndexOf } from './schedule-editor';

const YEAR = '0190a1b2-0000-7000-8000-00000000e001';
const TERM = '0190a1b2-0000-7000-8000-00000000e002';
const ASSESSMENT = '0190a1b2-0000-7000-8000-00000000e003';
const CLASS = '0190a1b2-0000-7000-8000-00000000e005';
const SECTION_A = '0190a1b2-0000-7000-8000-00000000e006';
const SECTION_B = '0190a1b2-0000-7000-8000-00000000e008';
const MATHS = '0190a1b2-0000-7000-8000-00000000e007';
const SCIENCE = '0190a1b2-0000-7000-8000-00000000e017';
const P_MATHS = '0190a1b2-0000-7000-8000-0000000000b1';
const P_SCIENCE = '0190a1b2-0000-7000-8000-0000000000b2';
const MEERA = '0190a1b2-0000-7000-8000-0000000000c1';
const RAVI = '0190a1b2-0000-7000-8000-0000000000c2';
const PARENT = '0190a1b2-0000-7000-8000-0000000000c3';

const paper = (id: string, subjectId: string) => ({
  id,
  assessmentId: ASSESSMENT,
  classId: CLASS,
  subjectId,
  maxMarks: 80,
  passMarks: 27,
  components: [],
});

const structure: ExamStructureView = {
  academicYearId: YEAR,
  scales: [],
  coScholasticAreas: [],
  terms: [
    {
      id: TERM,
      academicYearId: YEAR,
      name: 'Term 1',
      sortOrder: 1,
      startsOn: '2026-06-01',
      endsOn: '2026-09-30',
      yearWeightage: 50,
      gradingScaleId: null,
      assessments: [
        {
          id: ASSESSMENT,
          termId: TERM,
          name: 'Half-Yearly',
          code: 'HY',
          sortOrder: 1,
          termWeightage: 80,
          papers: [paper(P_MATHS, MATHS), paper(P_SCIENCE, SCIENCE)],
        },
      ],
    },
  ],
};

const schedule: ExamScheduleView = {
  assessmentId: ASSESSMENT,
  assessmentName: 'Half-Yearly',
  termId: TERM,
  sittings: [
    {
      id: 's1',
      paperId: P_MATHS,
      classId: CLASS,
      className: 'Class 5',
      subjectId: MATHS,
      subject: 'Mathematics',
      sectionId: SECTION_A,
      sectionName: 'Class 5 A',
      sitsOn: '2026-09-14',
      startsAt: '09:30',
      endsAt: '12:30',
      room: 'Room 5A',
      invigilatorUserId: MEERA,
      invigilatorName: 'Meera Iyer',
    },
    {
      id: 's2',
      paperId: P_SCIENCE,
      classId: CLASS,
      className: 'Class 5',
      subjectId: SCIENCE,
      subject: 'Science',
      sectionId: null,
      sectionName: null,
      sitsOn: '2026-09-15',
      startsAt: '10:00',
      endsAt: '11:30',
      room: 'Hall',
      invigilatorUserId: null,
      invigilatorName: null,
    },
  ],
};

const user = (id: string, displayName: string, roles: string[]) => ({
  id,
  email: `${id}@greenwood.test`,
  displayName,
  status: 'active',
  mfaEnabled: false,
  roles,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
});

const route = `PUT /api/v1/exams/assessments/${ASSESSMENT}/schedule`;

let api: FakeApi;
afterEach(() => {
  (api as FakeApi | undefined)?.uninstall();
  vi.restoreAllMocks();
});

function given(me: MeResponse = adminMe) {
  api = givenSignedIn(installFakeApi(), me)
    .on('GET /api/v1/exams/structure', { status: 200, body: structure })
    .on('GET /api/v1/academics/classes', {
      status: 200,
      body: {
        items: [
          {
            id: CLASS,
            name: 'Class 5',
            ordinal: 5,
            sections: [
              { id: SECTION_A, name: 'A', classTeacherUserId: null },
              { id: SECTION_B, name: 'B', classTeacherUserId: null },
            ],
          },
        ],
      },
    })
    .on('GET /api/v1/academics/subjects', {
      status: 200,
      body: {
        items: [
          { id: MATHS, code: 'MATH', name: 'Mathematics' },
          { id: SCIENCE, code: 'SCI', name: 'Science' },
        ],
      },
    })
    .on('GET /api/v1/users', {
      status: 200,
      body: {
        items: [
          user(MEERA, 'Meera Iyer', ['teacher']),
          user(RAVI, 'Ravi Kumar', ['school_admin']),
          user(PARENT, 'A Parent', ['parent']),
        ],
        nextCursor: null,
      },
    })
    .on(`GET /api/v1/exams/assessments/${ASSESSMENT}/schedule`, { status: 200, body: schedule });
  return api;
}

async function openEditor(me: MeResponse = adminMe) {
  given(me);
  const view = renderApp('/exams?tab=schedule');
  await screen.findByRole('table', { name: 'Exam schedule' });
  await view.user.click(screen.getByRole('button', { name: 'Edit schedule' }));
  const dialog = await screen.findByRole('dialog', { name: 'Schedule of Half-Yearly' });
  return { ...view, dialog };
}

const sent = {
  sittings: [
    {
      paperId: P_MATHS,
      sectionId: SECTION_A,
      sitsOn: '2026-09-14',
      startsAt: '09:30',
      endsAt: '12:30',
      room: 'Room 5A',
      invigilatorUserId: MEERA,
    },
    {
      paperId: P_SCIENCE,
      sectionId: null,
      sitsOn: '2026-09-15',
      startsAt: '10:00',
      endsAt: '11:30',
      room: 'Hall',
      invigilatorUserId: null,
    },
  ],
};

describe('exam schedule editing', () => {
  it('offers no editing to a teacher', async () => {
    given(teacherMe);
    renderApp('/exams?tab=schedule');
    await screen.findByRole('table', { name: 'Exam schedule' });
    expect(screen.queryByRole('button', { name: 'Edit schedule' })).not.toBeInTheDocument();
  });

  it('shows a 422 clash at the row it names, in full, and says nothing about saved', async () => {
    const { user: u, dialog } = await openEditor();
    const long =
      'Class 5 (all sections) already sits Mathematics on 2026-09-14 09:30–12:30 in Room 5A; a section cannot sit two papers at once, so move one of them to another time';
    api.on(route, () =>
      envelope(422, 'EXAMS_SCHEDULE_CLASH', 'The schedule has clashes; see details.', [
        { field: 'sittings[1]', message: long },
      ]),
    );
    const rows = within(dialog).getAllByTestId('schedule-edit-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('textbox', { name: 'Room for sitting 1' })).toHaveValue('Room 5A');
    await u.click(within(dialog).getByRole('button', { name: 'Save' }));

    const rowError = await within(rows[1]!).findByTestId('schedule-row-error');
    expect(rowError).toHaveTextContent(long);
    expect(within(rows[0]!).queryByTestId('schedule-row-error')).not.toBeInTheDocument();
    expect(api.requestsTo(route)[0]?.body).toEqual(sent);
    expect(screen.queryByText('Schedule saved.')).not.toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Schedule of Half-Yearly' })).toBeInTheDocument();
  });

  it('sends the whole list with a new row, says saved after a 200 and closes', async () => {
    const { user: u, dialog } = await openEditor();
    api.on(route, { status: 200, body: schedule });
    await u.click(within(dialog).getByRole('button', { name: 'Add sitting' }));
    const rows = within(dialog).getAllByTestId('schedule-edit-row');
    expect(rows).toHaveLength(3);
    const row = rows[2]!;
    await u.click(within(row).getByRole('textbox', { name: 'Paper for sitting 3' }));
    await u.click(await screen.findByRole('option', { name: 'Class 5 · Science' }));
    await u.click(within(row).getByRole('textbox', { name: 'Section for sitting 3' }));
    await u.click(await screen.findByRole('option', { name: 'Class 5 B' }));
    fireEvent.input(within(row).getByLabelText('Start for sitting 3'), { target: { value: '13:00' } });
    fireEvent.input(within(row).getByLabelText('End for sitting 3'), { target: { value: '14:00' } });
    await u.type(within(row).getByRole('textbox', { name: 'Room for sitting 3' }), 'Lab');
    await u.click(within(row).getByRole('textbox', { name: 'Invigilator for sitting 3' }));
    expect(screen.queryByRole('option', { name: 'A Parent' })).not.toBeInTheDocument();
    await u.click(await screen.findByRole('option', { name: 'Ravi Kumar' }));
    // Remove the first sitting: it is not sent.
    await u.click(within(dialog).getByRole('button', { name: 'Remove sitting 1' }));
    await u.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Schedule saved.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requestsTo(route)[0]?.body).toEqual({
      sittings: [
        sent.sittings[1],
        {
          paperId: P_SCIENCE,
          sectionId: SECTION_B,
          sitsOn: '2026-09-15',
          startsAt: '13:00',
          endsAt: '14:00',
          room: 'Lab',
          invigilatorUserId: RAVI,
        },
      ],
    });
  });

  it('blocks sending when a sitting ends before it starts, or a field is missing', async () => {
    const { user: u, dialog } = await openEditor();
    api.on(route, { status: 200, body: schedule });
    const [first] = within(dialog).getAllByTestId('schedule-edit-row');
    fireEvent.input(within(first!).getByLabelText('End for sitting 1'), { target: { value: '09:00' } });
    expect(within(first!).getByText('Must end after it starts')).toBeInTheDocument();
    await u.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('Fix the marked fields first; nothing was sent.'),
    ).toBeInTheDocument();
    expect(api.requestsTo(route)).toHaveLength(0);

    fireEvent.input(within(first!).getByLabelText('End for sitting 1'), { target: { value: '12:30' } });
    await u.click(within(dialog).getByRole('button', { name: 'Add sitting' }));
    await u.click(within(dialog).getByRole('button', { name: 'Save' }));
    const added = within(dialog).getAllByTestId('schedule-edit-row')[2]!;
    expect(within(added).getAllByText('Required').length).toBeGreaterThanOrEqual(3);
    expect(api.requestsTo(route)).toHaveLength(0);
    expect(screen.queryByText('Schedule saved.')).not.toBeInTheDocument();
  });

  it('stacks each sitting on a phone', async () => {
    givenPhoneScreen();
    given();
    const { user: u } = renderApp('/exams?tab=schedule');
    await screen.findByRole('list', { name: 'Exam schedule' });
    await u.click(screen.getByRole('button', { name: 'Edit schedule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Schedule of Half-Yearly' });
    expect(within(dialog).getAllByRole('group', { name: /^Sitting \d$/ })).toHaveLength(2);
  });

  it('reads the row a detail names', () => {
    expect(sittingIndexOf('sittings[3]')).toBe(3);
    expect(sittingIndexOf('sittings.2.endsAt')).toBe(2);
    expect(sittingIndexOf('assessmentId')).toBeNull();
  });
});
