import { DefaultRole, Permission } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { ExamStructureView, MarksGridView, MeResponse, SaveMarksRequest } from '@shala/contracts';
import { cellPayload, cellProblem } from './mark-cell';

const YEAR = '0190a1b2-0000-7000-8000-00000000e001';
const TERM = '0190a1b2-0000-7000-8000-00000000e002';
const ASSESSMENT = '0190a1b2-0000-7000-8000-00000000e003';
const PAPER = '0190a1b2-0000-7000-8000-00000000e004';
const CLASS = '0190a1b2-0000-7000-8000-00000000e005';
const SECTION = '0190a1b2-0000-7000-8000-00000000e006';
const SUBJECT = '0190a1b2-0000-7000-8000-00000000e007';
const student = (n: number) => `0190a1b2-0000-7000-8000-0000000005${String(n).padStart(2, '0')}`;

const structure: ExamStructureView = {
  academicYearId: YEAR,
  scales: [],
  coScholasticAreas: [],
  terms: [
    {
      id: TERM,
      academicYearId: YEAR,
      name: 'Term 2',
      sortOrder: 2,
      startsOn: '2025-10-01',
      endsOn: '2026-03-15',
      yearWeightage: 50,
      gradingScaleId: null,
      assessments: [
        {
          id: ASSESSMENT,
          termId: TERM,
          name: 'Periodic Test 2',
          code: 'PT2',
          sortOrder: 1,
          termWeightage: 20,
          papers: [
            {
              id: PAPER,
              assessmentId: ASSESSMENT,
              classId: CLASS,
              subjectId: SUBJECT,
              maxMarks: 40,
              passMarks: 13,
              components: [],
            },
          ],
        },
      ],
    },
  ],
};

function grid(fields: Partial<MarksGridView> = {}): MarksGridView {
  return {
    paperId: PAPER,
    sectionId: SECTION,
    assessmentId: ASSESSMENT,
    subjectId: SUBJECT,
    maxMarks: 40,
    passMarks: 13,
    status: 'draft',
    version: 1,
    submittedAt: null,
    submittedBy: null,
    columns: [{ code: 'total', maxMarks: 40 }],
    rows: [1, 2, 3].map((n) => ({
      studentId: student(n),
      fullName: `Student ${n}`,
      admissionNo: `GW-${n}`,
      rollNo: n,
      cells: { total: n === 1 ? 31.5 : null },
    })),
    ...fields,
  };
}

let api: FakeApi;

function given(me: MeResponse, answer: MarksGridView) {
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
            sections: [{ id: SECTION, name: 'A', classTeacherUserId: null }],
          },
        ],
      },
    })
    .on('GET /api/v1/academics/subjects', {
      status: 200,
      body: { items: [{ id: SUBJECT, code: 'MATH', name: 'Mathematics' }] },
    })
    .on('GET /api/v1/academics/subject-assignments', {
      status: 200,
      body: {
        items: [
          {
            id: 'a1',
            sectionId: SECTION,
            subjectId: SUBJECT,
            teacherUserId: teacherMe.user.id,
            academicYearId: YEAR,
          },
        ],
        nextCursor: null,
      },
    })
    .on(`GET /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks`, { status: 200, body: answer });
  return api;
}

afterEach(() => (api as FakeApi | undefined)?.uninstall());

async function openGrid(me: MeResponse = teacherMe, answer: MarksGridView = grid()) {
  given(me, answer);
  const view = renderApp('/exams?tab=marks');
  await view.user.click(await screen.findByRole('textbox', { name: 'Assessment' }));
  await view.user.click(await screen.findByRole('option', { name: 'Term 2 · Periodic Test 2' }));
  const table = await screen.findByRole('table', { name: 'Mathematics · Class 5 A' });
  const cell = (n: number, column = 'Marks') =>
    within(table).getByRole('textbox', { name: `${column} for Student ${n}` });
  return { ...view, table, cell };
}

describe('a marks cell', () => {
  it('accepts marks with up to two decimals in 0..max and the codes AB, EX, ML in any case', () => {
    for (const ok of ['', '0', '40', '37.5', '37.25', ' 12 ', 'AB', 'ex', 'Ml'])
      expect(cellProblem(ok, 40)).toBeNull();
  });

  it('refuses more than two decimals, signs, words and marks above the maximum', () => {
    for (const bad of ['37.255', '-1', '4a', '1e2', '.5', 'A B', 'absent'])
      expect(cellProblem(bad, 40)).toEqual({ kind: 'invalid' });
    expect(cellProblem('40.01', 40)).toEqual({ kind: 'tooHigh', max: 40 });
    expect(cellProblem('100', 40)).toEqual({ kind: 'tooHigh', max: 40 });
  });

  it('sends codes upper-cased, numbers as typed and an emptied cell as null', () => {
    expect(cellPayload(' ab ')).toBe('AB');
    expect(cellPayload('37.50')).toBe('37.50');
    expect(cellPayload('  ')).toBeNull();
  });
});

describe('marks entry grid', () => {
  it("lists the teacher's students with their saved marks", async () => {
    const { cell } = await openGrid();
    expect(cell(1)).toHaveValue('31.5');
    expect(cell(2)).toHaveValue('');
  });

  it('moves down the column with Enter and Tab, and up with Shift+Tab', async () => {
    const { user, cell } = await openGrid();
    await user.click(cell(1));
    await user.keyboard('{Enter}');
    expect(cell(2)).toHaveFocus();
    await user.keyboard('12{Tab}');
    expect(cell(3)).toHaveFocus();
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(cell(2)).toHaveFocus();
    expect(cell(2)).toHaveValue('12');
  });

  it('moves from the last student to the first student of the next column', async () => {
    const twoColumns = grid({
      columns: [
        { code: 'theory', maxMarks: 30 },
        { code: 'internal', maxMarks: 10 },
      ],
      rows: grid().rows.map((row) => ({ ...row, cells: { theory: null, internal: null } })),
    });
    const { user, cell } = await openGrid(teacherMe, twoColumns);
    await user.click(cell(3, 'Theory'));
    await user.keyboard('{Tab}');
    expect(cell(1, 'Internal')).toHaveFocus();
  });

  it('marks an invalid cell beside it while typing and sends nothing while any cell is invalid', async () => {
    const { user, cell } = await openGrid();
    await user.type(cell(2), '41');
    expect(cell(2)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('At most 40')).toBeInTheDocument();
    await user.type(cell(3), '7.125');
    expect(screen.getByText('A number with at most 2 decimals, or AB, EX, ML')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Fix the marked cells first; nothing was sent.')).toBeInTheDocument();
    expect(api.requestsTo(`PUT /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks`)).toHaveLength(0);
    expect(screen.queryByText(/^Saved/)).not.toBeInTheDocument();
  });

  it('saves only the changed cells and says so after the API answered 200', async () => {
    const { user, cell } = await openGrid();
    api.on(`PUT /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks`, {
      status: 200,
      body: { paperId: PAPER, sectionId: SECTION, status: 'draft', version: 2, changed: 2, moderated: false },
    });
    await user.type(cell(2), '12.5');
    await user.type(cell(3), 'ab');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved (2 cells changed).')).toBeInTheDocument();
    const [put] = api.requestsTo(`PUT /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks`);
    expect(put?.body).toEqual({
      rows: [
        { studentId: student(2), cells: { total: '12.5' } },
        { studentId: student(3), cells: { total: 'AB' } },
      ],
    } satisfies SaveMarksRequest);
  });

  it("shows the API's 400 details at the student's cell, and no 'Saved'", async () => {
    const { user, cell } = await openGrid();
    api.on(
      `PUT /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks`,
      envelope(400, 'VALIDATION_FAILED', '1 problem(s) in the marks; nothing was saved.', [
        {
          field: 'rows.0.cells.total',
          studentId: student(2),
          studentName: 'Student 2',
          column: 'total',
          message: 'Student 2, total: "12" is not valid: server says no',
        },
      ]),
    );
    await user.type(cell(2), '12');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('Student 2, total: "12" is not valid: server says no'),
    ).toBeInTheDocument();
    expect(cell(2)).toHaveAttribute('aria-invalid', 'true');
    expect(cell(3)).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText(/^Saved/)).not.toBeInTheDocument();
  });

  it('submits after confirmation', async () => {
    const { user } = await openGrid();
    api.on(`POST /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks/submit`, {
      status: 200,
      body: {
        paperId: PAPER,
        sectionId: SECTION,
        status: 'submitted',
        version: 2,
        changed: 0,
        moderated: false,
      },
    });
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit the marks?' });
    expect(
      api.requestsTo(`POST /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks/submit`),
    ).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Submit' }));
    await waitFor(() =>
      expect(
        api.requestsTo(`POST /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks/submit`),
      ).toHaveLength(1),
    );
  });

  it('shows a submitted sheet read-only to a teacher', async () => {
    const { cell } = await openGrid(
      teacherMe,
      grid({ status: 'submitted', submittedAt: '2025-07-01T05:00:00.000Z' }),
    );
    expect(cell(1)).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit' })).not.toBeInTheDocument();
  });

  it('lets a moderator change a submitted sheet with a reason', async () => {
    const moderator: MeResponse = {
      ...adminMe,
      roles: [DefaultRole.SchoolAdmin],
      permissions: [...adminMe.permissions, Permission.ExamsModerate],
    };
    const { user, cell } = await openGrid(
      moderator,
      grid({ status: 'submitted', submittedAt: '2025-07-01T05:00:00.000Z' }),
    );
    api.on(`PUT /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks`, {
      status: 200,
      body: {
        paperId: PAPER,
        sectionId: SECTION,
        status: 'submitted',
        version: 3,
        changed: 1,
        moderated: true,
      },
    });
    await user.type(cell(2), '20');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Why are these marks changing?' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('A reason is required')).toBeInTheDocument();
    expect(api.requestsTo(`PUT /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks`)).toHaveLength(0);
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Re-totalled');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved (1 cells changed).')).toBeInTheDocument();
    const [put] = api.requestsTo(`PUT /api/v1/exams/papers/${PAPER}/sections/${SECTION}/marks`);
    expect(put?.body).toEqual({
      rows: [{ studentId: student(2), cells: { total: '20' } }],
      reason: 'Re-totalled',
    });
  });
});
