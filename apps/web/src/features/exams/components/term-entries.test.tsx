import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type HttpRequest } from '../../../app/api/http';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, teacherMe } from '../../../test/fixtures';
import { givenPhoneScreen } from '../../../test/phone';
import { renderApp } from '../../../test/render-app';
import type {
  CoScholasticGridView,
  ExamStructureView,
  MeResponse,
  RemarksGridView,
  SaveCoScholasticRequest,
  SaveRemarksRequest,
} from '@shala/contracts';
import { problemsAt } from './term-entries-grid';

const YEAR = '0190a1b2-0000-7000-8000-00000000e001';
const TERM = '0190a1b2-0000-7000-8000-00000000e002';
const CLASS = '0190a1b2-0000-7000-8000-00000000e005';
const SECTION = '0190a1b2-0000-7000-8000-00000000e006';
const OTHER_SECTION = '0190a1b2-0000-7000-8000-00000000e008';
const ART = '0190a1b2-0000-7000-8000-00000000a001';
const DISCIPLINE = '0190a1b2-0000-7000-8000-00000000a002';
const student = (n: number) => `0190a1b2-0000-7000-8000-0000000005${String(n).padStart(2, '0')}`;
const GRADES = `/api/v1/exams/terms/${TERM}/sections/${SECTION}/co-scholastic`;
const REMARKS = `/api/v1/exams/terms/${TERM}/sections/${SECTION}/remarks`;

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
      startsOn: '2025-04-01',
      endsOn: '2025-09-30',
      yearWeightage: 50,
      gradingScaleId: null,
      assessments: [],
    },
  ],
};

const gradesView: CoScholasticGridView = {
  termId: TERM,
  sectionId: SECTION,
  areas: [
    { areaId: ART, name: 'Art Education', grades: ['A', 'B', 'C'] },
    { areaId: DISCIPLINE, name: 'Discipline', grades: ['A', 'B', 'C'] },
  ],
  rows: [1, 2].map((n) => ({
    studentId: student(n),
    fullName: `Student ${n}`,
    admissionNo: `GW-${n}`,
    rollNo: n,
    grades: { [ART]: n === 1 ? 'A' : null, [DISCIPLINE]: null },
  })),
};

const remarksView: RemarksGridView = {
  termId: TERM,
  sectionId: SECTION,
  maxLength: 500,
  rows: [1, 2].map((n) => ({
    studentId: student(n),
    fullName: `Student ${n}`,
    admissionNo: `GW-${n}`,
    rollNo: n,
    remark: n === 1 ? 'Works hard.' : null,
  })),
};

let api: FakeApi;
afterEach(() => {
  (api as FakeApi | undefined)?.uninstall();
  vi.restoreAllMocks();
});

function given(me: MeResponse, classTeacher: string | null = teacherMe.user.id) {
  api = givenSignedInTeacher(installFakeApi(), me)
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
              { id: SECTION, name: 'A', classTeacherUserId: classTeacher },
              { id: OTHER_SECTION, name: 'B', classTeacherUserId: null },
            ],
          },
        ],
      },
    })
    .on('GET /api/v1/academics/subjects', { status: 200, body: { items: [] } })
    .on(`GET ${GRADES}`, { status: 200, body: gradesView })
    .on(`GET ${REMARKS}`, { status: 200, body: remarksView });
  return api;
}

const saved = (changed: number) => ({
  status: 200,
  body: { termId: TERM, sectionId: SECTION, changed },
});

async function openEntries(me: MeResponse = teacherMe) {
  if (!(api as FakeApi | undefined)) given(me);
  const view = renderApp('/exams?tab=entries');
  const table = await screen.findByRole('table', { name: 'Report card entries for Class 5 A' });
  const grade = (n: number, area = 'Art Education') =>
    within(table).getByRole('combobox', { name: `${area} for Student ${n}` });
  const remark = (n: number) => within(table).getByRole('textbox', { name: `Remark for Student ${n}` });
  return { ...view, table, grade, remark };
}

describe('report card entries', () => {
  it("shows a teacher's tab and lists only the sections they are class teacher of", async () => {
    given(teacherMe);
    const { user, grade, remark } = await openEntries();
    expect(screen.getByRole('tab', { name: 'Report card entries', selected: true })).toBeInTheDocument();
    expect(grade(1)).toHaveValue('A');
    expect(grade(2)).toHaveValue('');
    expect(remark(1)).toHaveValue('Works hard.');
    expect(screen.getByText('11 / 500')).toBeInTheDocument();
    await user.click(screen.getByRole('textbox', { name: 'Section' }));
    expect(await screen.findByRole('option', { name: 'Class 5 A' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Class 5 B' })).not.toBeInTheDocument();
  });

  it('tells a teacher who is no class teacher so, and asks for no sheet', async () => {
    given(teacherMe, null);
    renderApp('/exams?tab=entries');
    expect(await screen.findByText('You are not the class teacher of any section.')).toBeInTheDocument();
    expect(api.requestsTo(`GET ${GRADES}`)).toHaveLength(0);
  });

  it('lets school staff pick from every section', async () => {
    given(adminMe, null);
    const { user } = renderApp('/exams?tab=entries');
    await user.click(await screen.findByRole('textbox', { name: 'Section' }));
    expect(await screen.findByRole('option', { name: 'Class 5 A' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Class 5 B' })).toBeInTheDocument();
  });

  it('saves only the changed sheet and says "Saved" after the API answered 2xx', async () => {
    given(teacherMe).on(`PUT ${GRADES}`, saved(1));
    const { user, grade } = await openEntries();
    await user.selectOptions(grade(2, 'Discipline'), 'B');
    expect(screen.getByText('1 unsaved changes')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved (1 changes).')).toBeInTheDocument();
    expect(api.requestsTo(`PUT ${GRADES}`).map((r) => r.body)).toEqual([
      { rows: [{ studentId: student(2), grades: { [DISCIPLINE]: 'B' } }] } satisfies SaveCoScholasticRequest,
    ]);
    expect(api.requestsTo(`PUT ${REMARKS}`)).toHaveLength(0);
  });

  it('sends both sheets when both changed: a cleared grade as null, remarks trimmed, an emptied one as null', async () => {
    given(teacherMe).on(`PUT ${GRADES}`, saved(1)).on(`PUT ${REMARKS}`, saved(2));
    const { user, grade, remark } = await openEntries();
    await user.selectOptions(grade(1), '');
    await user.clear(remark(1));
    await user.type(remark(2), '  Curious and kind.  ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved (3 changes).')).toBeInTheDocument();
    expect(api.requestsTo(`PUT ${GRADES}`)[0]?.body).toEqual({
      rows: [{ studentId: student(1), grades: { [ART]: null } }],
    });
    expect(api.requestsTo(`PUT ${REMARKS}`)[0]?.body).toEqual({
      rows: [
        { studentId: student(1), remark: null },
        { studentId: student(2), remark: 'Curious and kind.' },
      ],
    } satisfies SaveRemarksRequest);
  });

  it("shows the API's 400 detail at the named student's grade cell, and no 'Saved'", async () => {
    given(teacherMe).on(
      `PUT ${GRADES}`,
      envelope(400, 'VALIDATION_FAILED', '1 problem(s) in the co-scholastic grades; nothing was saved.', [
        {
          field: `rows.0.grades.${DISCIPLINE}`,
          studentId: student(2),
          studentName: 'Student 2',
          column: 'Discipline',
          message: 'Student 2, Discipline: "B" is not a grade of the area\'s scale (A, C)',
        },
      ]),
    );
    const { user, grade } = await openEntries();
    await user.selectOptions(grade(2, 'Discipline'), 'B');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const message = 'Student 2, Discipline: "B" is not a grade of the area\'s scale (A, C)';
    const cell = grade(2, 'Discipline');
    await waitFor(() => expect(cell).toHaveAttribute('aria-invalid', 'true'));
    expect(cell.closest('td')).toHaveTextContent(message);
    expect(grade(1, 'Discipline')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Nothing was saved. Fix the marked fields and save again.')).toBeInTheDocument();
    expect(screen.queryByText(/^Saved/)).not.toBeInTheDocument();
    // Changing the cell clears its server message.
    await user.selectOptions(cell, 'A');
    expect(cell).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('keeps what one sheet saved when the other is refused, and marks the refused remark', async () => {
    given(teacherMe)
      .on(`PUT ${GRADES}`, saved(1))
      .on(
        `PUT ${REMARKS}`,
        envelope(400, 'VALIDATION_FAILED', '1 problem(s) in the remarks; nothing was saved.', [
          { field: 'rows.0.remark', message: 'Student 2: a remark has at most 500 characters' },
        ]),
      );
    const { user, grade, remark } = await openEntries();
    await user.selectOptions(grade(2), 'C');
    await user.type(remark(2), 'Fine.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        'Grades saved; the remarks were not saved. Fix the marked fields and save again.',
      ),
    ).toBeInTheDocument();
    expect(remark(2)).toHaveAttribute('aria-invalid', 'true');
    expect(remark(2).closest('td')).toHaveTextContent('Student 2: a remark has at most 500 characters');
    expect(screen.queryByText(/^Saved/)).not.toBeInTheDocument();
    // Saving again sends only the remarks: the grade is stored.
    api.on(`PUT ${REMARKS}`, saved(1));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved (1 changes).')).toBeInTheDocument();
    expect(api.requestsTo(`PUT ${GRADES}`)).toHaveLength(1);
    expect(api.requestsTo(`PUT ${REMARKS}`)).toHaveLength(2);
  });

  it('shows a refusal without details (403) in the save bar, and no "Saved"', async () => {
    given(teacherMe).on(
      `PUT ${GRADES}`,
      envelope(
        403,
        'NOT_CLASS_TEACHER',
        "Co-scholastic grades and remarks are entered by the section's class teacher or by school staff.",
      ),
    );
    const { user, grade } = await openEntries();
    await user.selectOptions(grade(2), 'B');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await within(screen.getByTestId('term-entries-save-bar')).findByText(
        "Co-scholastic grades and remarks are entered by the section's class teacher or by school staff.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Saved/)).not.toBeInTheDocument();
  });

  it('counts a remark and sends nothing while one is over the limit', async () => {
    given(teacherMe);
    const { user, remark } = await openEntries();
    await user.click(remark(2));
    await user.paste('x'.repeat(501));
    expect(screen.getByText('501 / 500')).toBeInTheDocument();
    expect(remark(2)).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Fix the marked fields first; nothing was sent.')).toBeInTheDocument();
    expect(api.requestsTo(`PUT ${REMARKS}`)).toHaveLength(0);
  });

  it('is usable from the keyboard: Tab walks a row in reading order and Ctrl+Enter saves', async () => {
    given(teacherMe).on(`PUT ${REMARKS}`, saved(1));
    const { user, grade, remark } = await openEntries();
    await user.click(grade(1));
    await user.tab();
    expect(grade(1, 'Discipline')).toHaveFocus();
    await user.tab();
    expect(remark(1)).toHaveFocus();
    await user.tab();
    expect(grade(2)).toHaveFocus();
    await user.click(remark(2));
    await user.keyboard('Good term.{Control>}{Enter}{/Control}');
    expect(await screen.findByText('Saved (1 changes).')).toBeInTheDocument();
    expect(api.requestsTo(`PUT ${REMARKS}`)[0]?.body).toEqual({
      rows: [{ studentId: student(2), remark: 'Good term.' }],
    });
  });

  it('shows each student as a card with labelled fields on a phone', async () => {
    givenPhoneScreen();
    given(teacherMe);
    renderApp('/exams?tab=entries');
    const list = await screen.findByRole('list', { name: 'Report card entries for Class 5 A' });
    const cards = within(list).getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    expect(within(cards[1]!).getByText('Student 2')).toBeInTheDocument();
    expect(within(cards[1]!).getByText('Discipline')).toBeInTheDocument();
    expect(within(cards[1]!).getByRole('combobox', { name: 'Discipline for Student 2' })).toBeInTheDocument();
    expect(within(cards[1]!).getByRole('textbox', { name: 'Remark for Student 2' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});

describe('problemsAt', () => {
  it('places details by student and field, falling back to the index of what was sent', () => {
    const request: HttpRequest = {
      method: 'PUT',
      url: '/api/v1/exams/entries',
      headers: new Headers(),
      body: undefined,
      responseType: 'json',
      withCredentials: false,
      signal: new AbortController().signal,
    };
    const error = new ApiError('Request failed with status code 400', 'status', request, {
      status: 400,
      headers: {},
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'x',
          details: [
            { field: `rows.1.grades.${ART}`, message: 'bad grade' },
            { field: 'rows.0.studentId', studentId: student(9), message: 'not enrolled' },
          ],
        },
      },
    });
    expect(problemsAt(error, [{ studentId: student(1) }, { studentId: student(2) }], 'grades')).toEqual({
      [`${student(2)}:grade:${ART}`]: 'bad grade',
      [`${student(9)}:row`]: 'not enrolled',
    });
  });
});
