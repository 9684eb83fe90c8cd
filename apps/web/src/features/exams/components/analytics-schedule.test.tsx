import { DEFAULT_ROLE_PERMISSIONS, DefaultRole } from '@shala/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blobText, captureDownloads } from '../../../test/downloads';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedIn, meWith, teacherMe } from '../../../test/fixtures';
import { givenPhoneScreen } from '../../../test/phone';
import { renderApp } from '../../../test/render-app';
import type {
  ClassAnalyticsView,
  ExamScheduleView,
  ExamStructureView,
  StudentExamScheduleView,
} from '@shala/contracts';
import { upcomingByAssessment } from './family-schedule';
import { defaultAssessmentId, scheduledSections } from './schedule-panel';

const YEAR = '0190a1b2-0000-7000-8000-00000000e001';
const TERM = '0190a1b2-0000-7000-8000-00000000e002';
const ASSESSMENT = '0190a1b2-0000-7000-8000-00000000e003';
const CLASS = '0190a1b2-0000-7000-8000-00000000e005';
const SECTION_A = '0190a1b2-0000-7000-8000-00000000e006';
const SECTION_B = '0190a1b2-0000-7000-8000-00000000e008';
const MATHS = '0190a1b2-0000-7000-8000-00000000e007';
const CHILD = '0190a1b2-0000-7000-8000-0000000005c1';

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
          papers: [],
        },
      ],
    },
  ],
};

const section = (id: string, name: string, figures: Partial<ClassAnalyticsView['overall']> = {}) => ({
  sectionId: id,
  section: name,
  students: 30,
  graded: 28,
  pending: 1,
  exempt: 1,
  average: 61.37,
  highest: 97.5,
  lowest: 18.25,
  passPercentage: 89.29,
  ...figures,
});

const analytics: ClassAnalyticsView = {
  termId: TERM,
  termName: 'Term 1',
  classId: CLASS,
  className: 'Class 5',
  students: 60,
  subjects: [
    {
      subjectId: MATHS,
      subject: 'Mathematics',
      graded: 56,
      pending: 3,
      exempt: 1,
      average: 64.12,
      highest: 99,
      lowest: 12.5,
      passPercentage: 91.07,
      gradeDistribution: [
        { grade: 'A1', count: 7 },
        { grade: 'A2', count: 0 },
        { grade: 'B1', count: 44 },
        { grade: 'E', count: 5 },
      ],
      sections: [section(SECTION_A, 'A'), section(SECTION_B, 'B', { average: 66.8, passPercentage: 100 })],
    },
  ],
  overall: {
    graded: 55,
    pending: 4,
    exempt: 1,
    average: 63.05,
    highest: 95.4,
    lowest: 21.33,
    passPercentage: 90.91,
    gradeDistribution: [
      { grade: 'A1', count: 5 },
      { grade: 'E', count: 0 },
    ],
    sections: [section(SECTION_A, 'A', { average: 62.1 }), section(SECTION_B, 'B')],
  },
};

const sitting = (id: string, fields: Partial<ExamScheduleView['sittings'][number]> = {}) => ({
  id,
  paperId: 'p1',
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
  invigilatorUserId: 'u1',
  invigilatorName: 'Meera Iyer',
  ...fields,
});

const schedule: ExamScheduleView = {
  assessmentId: ASSESSMENT,
  assessmentName: 'Half-Yearly',
  termId: TERM,
  sittings: [
    sitting('s1'),
    sitting('s2', {
      sectionId: null,
      sectionName: null,
      subject: 'Science',
      sitsOn: '2026-09-15',
      startsAt: '10:00',
      endsAt: '11:30',
      room: 'Hall',
      invigilatorUserId: null,
      invigilatorName: null,
    }),
  ],
};

const classes = [
  {
    id: CLASS,
    name: 'Class 5',
    ordinal: 5,
    sections: [
      { id: SECTION_A, name: 'A', classTeacherUserId: null },
      { id: SECTION_B, name: 'B', classTeacherUserId: null },
    ],
  },
];

let api: FakeApi;
afterEach(() => {
  (api as FakeApi | undefined)?.uninstall();
  vi.restoreAllMocks();
});

function givenStaff() {
  api = givenSignedIn(installFakeApi(), adminMe)
    .on('GET /api/v1/exams/structure', { status: 200, body: structure })
    .on('GET /api/v1/academics/classes', { status: 200, body: { items: classes } })
    .on('GET /api/v1/academics/subjects', {
      status: 200,
      body: { items: [{ id: MATHS, code: 'MATH', name: 'Mathematics' }] },
    })
    .on('GET /api/v1/exams/analytics', (request) => ({
      status: request.query.get('termId') === TERM && request.query.get('classId') === CLASS ? 200 : 404,
      body: analytics,
    }))
    .on(`GET /api/v1/exams/assessments/${ASSESSMENT}/schedule`, { status: 200, body: schedule });
  return api;
}

const pdf = (name: string) => ({
  status: 200,
  body: new Blob(['%PDF-1.7'], { type: 'application/pdf' }),
  headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${name}"` },
});

describe('exams analytics', () => {
  it("shows every figure as the API answered it, each grade's bar (zero included) and the sections", async () => {
    givenStaff();
    renderApp('/exams?tab=analytics');
    const overall = await screen.findByTestId('overall-analytics');
    expect(within(overall).getByTestId('figure-average')).toHaveTextContent('Average63.05%');
    expect(within(overall).getByTestId('figure-highest')).toHaveTextContent('95.4%');
    expect(within(overall).getByTestId('figure-lowest')).toHaveTextContent('21.33%');
    expect(within(overall).getByTestId('figure-pass')).toHaveTextContent('90.91%');
    expect(overall).toHaveTextContent('60 students · 55 graded · 4 pending · 1 exempt');

    const [maths] = screen.getAllByTestId('subject-analytics');
    if (!maths) throw new Error('no subject card');
    expect(within(maths).getByRole('heading', { name: 'Mathematics' })).toBeInTheDocument();
    expect(within(maths).getByTestId('figure-average')).toHaveTextContent('64.12%');
    expect(within(maths).getByTestId('figure-highest')).toHaveTextContent('99%');
    expect(within(maths).getByTestId('figure-lowest')).toHaveTextContent('12.5%');
    expect(within(maths).getByTestId('figure-pass')).toHaveTextContent('91.07%');
    const bars = within(maths)
      .getAllByTestId('bar')
      .map((bar) => [bar.getAttribute('data-label'), Number(bar.getAttribute('data-value'))]);
    expect(bars).toEqual([
      ['A1', 7],
      ['A2', 0],
      ['B1', 44],
      ['E', 5],
    ]);
    const table = within(maths).getByRole('table', { name: 'Section comparison: Mathematics' });
    const rows = within(table).getAllByTestId('section-analytics');
    expect(rows.map((row) => row.textContent)).toEqual([
      'A302861.37%97.5%18.25%89.29%',
      'B302866.8%97.5%18.25%100%',
    ]);
  });

  it('downloads the class results as the CSV the API names', async () => {
    givenStaff().on('GET /api/v1/exams/analytics/export', (request) => ({
      status: request.query.get('termId') === TERM && request.query.get('classId') === CLASS ? 200 : 400,
      body: new Blob(['name,percentage\n'], { type: 'text/csv' }),
      headers: {
        'content-type': 'text/csv',
        'content-disposition': 'attachment; filename="results-class-5-term-1.csv"',
      },
    }));
    const downloads = captureDownloads();
    const { user } = renderApp('/exams?tab=analytics');
    await screen.findByTestId('overall-analytics');
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await expect.poll(() => downloads.files.map((f) => f.name)).toEqual(['results-class-5-term-1.csv']);
    expect(await blobText(downloads.files[0]!.blob)).toBe('name,percentage\n');
  });
});

describe('exams schedule', () => {
  it('lists the sittings in a table and downloads a section’s hall tickets', async () => {
    givenStaff().on(
      `GET /api/v1/exams/assessments/${ASSESSMENT}/hall-tickets/sections/${SECTION_B}`,
      pdf('hy-5b.pdf'),
    );
    const downloads = captureDownloads();
    const { user } = renderApp('/exams?tab=schedule');
    const table = await screen.findByRole('table', { name: 'Exam schedule' });
    const rows = within(table).getAllByTestId('sitting-row');
    expect(rows.map((row) => row.textContent)).toEqual([
      '14 Sept 202609:30–12:30Class 5 AMathematicsRoom 5AMeera Iyer',
      '15 Sept 202610:00–11:30Class 5 (all sections)ScienceHall–',
    ]);
    await user.click(screen.getByRole('button', { name: 'Hall tickets for Class 5 B' }));
    await expect.poll(() => downloads.files.map((f) => f.name)).toEqual(['hy-5b.pdf']);
  });

  it('shows the sittings as cards on a phone', async () => {
    givenPhoneScreen();
    givenStaff();
    renderApp('/exams?tab=schedule');
    const list = await screen.findByRole('list', { name: 'Exam schedule' });
    const cards = within(list).getAllByTestId('sitting-row');
    expect(cards).toHaveLength(2);
    expect(cards[0]).toHaveTextContent('Mathematics');
    expect(cards[0]).toHaveTextContent('09:30–12:30 · Class 5 A');
    expect(cards[0]).toHaveTextContent('Room: Room 5A · Invigilator: Meera Iyer');
    expect(cards[1]).toHaveTextContent('Class 5 (all sections)');
  });

  it('seats a whole-class sitting in every section of the class', () => {
    const sections = classes[0]!.sections.map((s) => ({
      id: s.id,
      classId: CLASS,
      className: 'Class 5',
      label: `Class 5 ${s.name}`,
    }));
    expect(scheduledSections(schedule, sections).map((s) => s.label)).toEqual(['Class 5 A', 'Class 5 B']);
  });

  it("opens on the term under way, not last term's first test, and on the last exam once the year is over", () => {
    const terms = [
      { endsOn: '2026-09-30', assessments: [{ id: 'pt1' }, { id: 'hy' }] },
      { endsOn: '2027-03-31', assessments: [{ id: 'pt2' }, { id: 'an' }] },
    ];
    expect(defaultAssessmentId(terms, '2026-06-01')).toBe('pt1');
    expect(defaultAssessmentId(terms, '2026-12-06')).toBe('pt2');
    expect(defaultAssessmentId(terms, '2027-03-31')).toBe('pt2');
    expect(defaultAssessmentId(terms, '2027-05-01')).toBe('an');
    expect(defaultAssessmentId([{ endsOn: '2027-03-31', assessments: [] }], '2026-12-06')).toBeNull();
  });
});

describe("a child's exam schedule", () => {
  const parentMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]], {
    ...teacherMe,
    roles: [DefaultRole.Parent],
  });
  const mine: StudentExamScheduleView = {
    studentId: CHILD,
    items: [
      { ...sitting('old', { sitsOn: '2000-01-10' }), assessmentId: 'past', assessmentName: 'Old test' },
      {
        ...sitting('s1', { sitsOn: '2999-03-01', room: 'Room 5A' }),
        assessmentId: ASSESSMENT,
        assessmentName: 'Annual',
      },
    ],
  };

  it('keeps the upcoming sittings, by assessment', () => {
    expect(upcomingByAssessment(mine.items, '2026-12-06').map((g) => [g.name, g.sittings.length])).toEqual([
      ['Annual', 1],
    ]);
  });

  function givenParent() {
    api = givenSignedIn(installFakeApi(), parentMe)
      .on('GET /api/v1/students', {
        status: 200,
        body: {
          items: [
            { id: CHILD, fullName: 'Kiran Rao', admissionNo: 'GW-1', enrolment: null, status: 'active' },
          ],
          nextCursor: null,
        },
      })
      .on(`GET /api/v1/exams/students/${CHILD}/results`, {
        status: 200,
        body: { studentId: CHILD, items: [], year: null },
      })
      .on(`GET /api/v1/exams/students/${CHILD}/schedule`, { status: 200, body: mine })
      .on(`GET /api/v1/exams/assessments/${ASSESSMENT}/hall-tickets/students/${CHILD}`, pdf('ticket.pdf'));
  }

  it('shows the upcoming sittings and downloads the hall ticket', async () => {
    givenParent();
    const downloads = captureDownloads();
    const { user } = renderApp('/exams');
    const table = await screen.findByRole('table', { name: 'Exam schedule: Annual' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('1 Mar 299909:30–12:30MathematicsRoom 5A');
    expect(screen.queryByText('Old test')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Hall ticket (PDF) for Annual' }));
    await expect.poll(() => downloads.files.map((f) => f.name)).toEqual(['ticket.pdf']);
  });

  it('shows each upcoming sitting as a row of a list on a phone', async () => {
    givenPhoneScreen();
    givenParent();
    renderApp('/exams');
    const list = await screen.findByRole('list', { name: 'Exam schedule: Annual' });
    const [row] = within(list).getAllByTestId('family-sitting');
    expect(row).toHaveTextContent('Mathematics1 Mar 299909:30–12:30 · Room 5A');
  });
});
