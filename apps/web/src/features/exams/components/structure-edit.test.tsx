import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedIn, teacherMe } from '../../../test/fixtures';
import { givenPhoneScreen } from '../../../test/phone';
import { renderApp } from '../../../test/render-app';
import type { ExamStructureView, MeResponse } from '@shala/contracts';
import { bandsNamed } from './structure-scale';

const YEAR = '0190a1b2-0000-7000-8000-00000000e001';
const TERM1 = '0190a1b2-0000-7000-8000-00000000e002';
const TERM2 = '0190a1b2-0000-7000-8000-00000000e012';
const PT1 = '0190a1b2-0000-7000-8000-00000000e003';
const HY = '0190a1b2-0000-7000-8000-00000000e013';
const CLASS = '0190a1b2-0000-7000-8000-00000000e005';
const MATHS = '0190a1b2-0000-7000-8000-00000000e007';
const HINDI = '0190a1b2-0000-7000-8000-00000000e017';
const SCALE = '0190a1b2-0000-7000-8000-00000000e008';

const structure: ExamStructureView = {
  academicYearId: YEAR,
  coScholasticAreas: [],
  scales: [
    {
      id: SCALE,
      name: 'Two bands',
      kind: 'scholastic',
      bands: [
        { grade: 'A', minPercent: 50, maxPercent: 100, gradePoint: 10, description: 'Good' },
        { grade: 'B', minPercent: 0, maxPercent: 49.99, gradePoint: 5, description: null },
      ],
    },
  ],
  terms: [
    {
      id: TERM1,
      academicYearId: YEAR,
      name: 'Term 1',
      sortOrder: 0,
      startsOn: '2025-04-01',
      endsOn: '2025-09-30',
      yearWeightage: 50,
      gradingScaleId: SCALE,
      assessments: [
        {
          id: PT1,
          termId: TERM1,
          name: 'Periodic Test 1',
          code: 'PT1',
          sortOrder: 0,
          termWeightage: 20,
          papers: [
            {
              id: 'p1',
              assessmentId: PT1,
              classId: CLASS,
              subjectId: MATHS,
              maxMarks: 40,
              passMarks: 13,
              components: [],
            },
          ],
        },
        {
          id: HY,
          termId: TERM1,
          name: 'Half-Yearly',
          code: 'HY',
          sortOrder: 1,
          termWeightage: 80,
          papers: [],
        },
      ],
    },
    {
      id: TERM2,
      academicYearId: YEAR,
      name: 'Term 2',
      sortOrder: 1,
      startsOn: '2025-10-01',
      endsOn: '2026-03-15',
      yearWeightage: 50,
      gradingScaleId: null,
      assessments: [],
    },
  ],
};

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
      body: { items: [{ id: CLASS, name: 'Class 5', ordinal: 5, sections: [] }] },
    })
    .on('GET /api/v1/academics/subjects', {
      status: 200,
      body: {
        items: [
          { id: MATHS, code: 'MATH', name: 'Mathematics' },
          { id: HINDI, code: 'HIN', name: 'Hindi' },
        ],
      },
    });
  return api;
}

async function openStructure(me: MeResponse = adminMe) {
  given(me);
  const view = renderApp('/exams?tab=structure');
  await screen.findByText('Periodic Test 1 (PT1)');
  return view;
}

const termsRoute = `PUT /api/v1/exams/years/${YEAR}/terms`;

describe('exam structure editing', () => {
  it('offers no editing to a teacher, who holds exams.write for their own sections only', async () => {
    await openStructure(teacherMe);
    expect(screen.queryByRole('button', { name: 'Edit terms' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit assessments/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit bands/ })).not.toBeInTheDocument();
  });

  it('sends the whole list of terms with the running total, and says saved only after 2xx', async () => {
    const { user } = await openStructure();
    let answer = envelope(422, 'EXAMS_INVALID_STRUCTURE', 'The terms are not valid; see details.', [
      { field: 'terms.1.yearWeightage', message: 'Term 2: server refuses this weight' },
      { field: 'terms.yearWeightage', message: 'the weights add up to 110 %, not 100 %' },
    ]);
    api.on(termsRoute, () => answer);
    await user.click(screen.getByRole('button', { name: 'Edit terms' }));
    const dialog = await screen.findByRole('dialog', { name: 'Terms of the year' });
    expect(within(dialog).getByTestId('terms-total')).toHaveTextContent('Total: 100%');
    const weight2 = within(dialog).getByRole('textbox', { name: 'Year weightage % for row 2' });
    await user.clear(weight2);
    await user.type(weight2, '60');
    expect(within(dialog).getByTestId('terms-total')).toHaveTextContent('Total: 110% (must be 100%)');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByText('Term 2: server refuses this weight')).toBeInTheDocument();
    expect(weight2).toHaveAttribute('aria-invalid', 'true');
    const rows = within(dialog).getAllByTestId('terms-row');
    expect(within(rows[1]!).getByText('Term 2: server refuses this weight')).toBeInTheDocument();
    expect(within(dialog).getByTestId('terms-total-error')).toHaveTextContent(
      'the weights add up to 110 %, not 100 %',
    );
    expect(screen.queryByText('Terms saved.')).not.toBeInTheDocument();
    const [put] = api.requestsTo(termsRoute);
    expect(put?.body).toEqual({
      terms: [
        {
          id: TERM1,
          name: 'Term 1',
          startsOn: '2025-04-01',
          endsOn: '2025-09-30',
          yearWeightage: 50,
          gradingScaleId: SCALE,
        },
        {
          id: TERM2,
          name: 'Term 2',
          startsOn: '2025-10-01',
          endsOn: '2026-03-15',
          yearWeightage: 60,
          gradingScaleId: null,
        },
      ],
    });

    answer = { status: 200, body: structure };
    await user.clear(weight2);
    await user.type(weight2, '50');
    expect(weight2).not.toHaveAttribute('aria-invalid', 'true');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Terms saved.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('adds and removes a term; an empty new term is flagged and nothing is sent', async () => {
    const { user } = await openStructure();
    api.on(termsRoute, { status: 200, body: structure });
    await user.click(screen.getByRole('button', { name: 'Edit terms' }));
    const dialog = await screen.findByRole('dialog', { name: 'Terms of the year' });
    await user.click(within(dialog).getByRole('button', { name: 'Add term' }));
    expect(within(dialog).getAllByTestId('terms-row')).toHaveLength(3);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('Fix the marked fields first; nothing was sent.'),
    ).toBeInTheDocument();
    expect(api.requestsTo(termsRoute)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Remove row 3' }));
    await user.click(within(dialog).getByRole('button', { name: 'Remove Term 2' }));
    const weight1 = within(dialog).getByRole('textbox', { name: 'Year weightage % for row 1' });
    await user.clear(weight1);
    await user.type(weight1, '100');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Terms saved.')).toBeInTheDocument();
    const [put] = api.requestsTo(termsRoute);
    expect((put?.body as { terms: { id?: string }[] }).terms.map((term) => term.id)).toEqual([TERM1]);
  });

  it("shows the API's refusal of a term's assessments beside the running total", async () => {
    const { user } = await openStructure();
    const route = `PUT /api/v1/exams/terms/${TERM1}/assessments`;
    api.on(
      route,
      envelope(422, 'EXAMS_INVALID_STRUCTURE', 'The assessments are not valid; see details.', [
        { field: 'assessments.termWeightage', message: 'the weights add up to 90 %, not 100 %' },
        { field: 'assessments.0.code', message: 'two assessments have this code' },
      ]),
    );
    await user.click(screen.getByRole('button', { name: 'Edit assessments: Term 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Assessments of Term 1' });
    const weight = within(dialog).getByRole('textbox', { name: 'Term weightage % for row 2' });
    await user.clear(weight);
    await user.type(weight, '70');
    expect(within(dialog).getByTestId('assessments-total')).toHaveTextContent('Total: 90% (must be 100%)');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByTestId('assessments-total-error')).toHaveTextContent(
      'the weights add up to 90 %, not 100 %',
    );
    expect(within(dialog).getByRole('textbox', { name: 'Code for row 1' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(within(dialog).getByText('two assessments have this code')).toBeInTheDocument();
    expect(screen.queryByText(/saved\./)).not.toBeInTheDocument();
    expect(api.requestsTo(route)[0]?.body).toEqual({
      assessments: [
        { id: PT1, name: 'Periodic Test 1', code: 'PT1', termWeightage: 20 },
        { id: HY, name: 'Half-Yearly', code: 'HY', termWeightage: 70 },
      ],
    });
  });

  it('flags pass marks above the maximum locally and shows the server 4xx at the cell', async () => {
    const { user } = await openStructure();
    const route = `PUT /api/v1/exams/assessments/${PT1}/papers`;
    api.on(
      route,
      envelope(422, 'EXAMS_INVALID_STRUCTURE', 'The papers are not valid; see details.', [
        { field: 'papers.1.passMarks', message: 'server: pass marks are at most the maximum' },
      ]),
    );
    await user.click(screen.getByRole('button', { name: 'Papers of Periodic Test 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Papers of Periodic Test 1' });
    const cell = (field: string, subject: string) =>
      within(dialog).getByRole('textbox', { name: `${field} for Class 5 ${subject}` });
    expect(await within(dialog).findByRole('table', { name: 'Class 5' })).toBeInTheDocument();
    expect(cell('Max marks', 'Mathematics')).toHaveValue('40');
    await user.type(cell('Max marks', 'Hindi'), '20');
    await user.type(cell('Pass marks', 'Hindi'), '25');
    expect(cell('Pass marks', 'Hindi')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText('Pass marks above the maximum')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Fix the marked fields first; nothing was sent.')).toBeInTheDocument();
    expect(api.requestsTo(route)).toHaveLength(0);

    await user.clear(cell('Pass marks', 'Hindi'));
    await user.type(cell('Pass marks', 'Hindi'), '7');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('server: pass marks are at most the maximum')).toBeInTheDocument();
    expect(cell('Pass marks', 'Hindi')).toHaveAttribute('aria-invalid', 'true');
    expect(cell('Pass marks', 'Mathematics')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText(/saved\./)).not.toBeInTheDocument();
    expect(api.requestsTo(route)[0]?.body).toEqual({
      papers: [
        { classId: CLASS, subjectId: MATHS, maxMarks: 40, passMarks: 13, components: [] },
        { classId: CLASS, subjectId: HINDI, maxMarks: 20, passMarks: 7, components: [] },
      ],
    });
  });

  it('sends a paper with components and says saved after 2xx', async () => {
    const { user } = await openStructure();
    const route = `PUT /api/v1/exams/assessments/${PT1}/papers`;
    api.on(route, { status: 200, body: [] });
    await user.click(screen.getByRole('button', { name: 'Papers of Periodic Test 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Papers of Periodic Test 1' });
    const theory = await within(dialog).findByRole('textbox', { name: 'Theory for Class 5 Mathematics' });
    await user.type(theory, '30');
    expect(theory).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText('Components add up to 30, not 40')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Internal for Class 5 Mathematics' }), '10');
    expect(theory).not.toHaveAttribute('aria-invalid', 'true');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Papers of Periodic Test 1 saved.')).toBeInTheDocument();
    expect(api.requestsTo(route)[0]?.body).toEqual({
      papers: [
        {
          classId: CLASS,
          subjectId: MATHS,
          maxMarks: 40,
          passMarks: 13,
          components: [
            { code: 'theory', maxMarks: 30 },
            { code: 'internal', maxMarks: 10 },
          ],
        },
      ],
    });
  });

  it('stacks the papers as a card per subject on a phone, each field labelled', async () => {
    givenPhoneScreen();
    const { user } = await openStructure();
    await user.click(screen.getByRole('button', { name: 'Papers of Periodic Test 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Papers of Periodic Test 1' });
    const cards = await within(dialog).findAllByTestId('paper-card');
    expect(cards).toHaveLength(2);
    expect(within(dialog).queryByRole('table')).not.toBeInTheDocument();
    expect(within(cards[0]!).getByRole('textbox', { name: 'Max marks for Class 5 Mathematics' })).toHaveValue(
      '40',
    );
    expect(within(cards[0]!).getByText('Pass marks')).toBeInTheDocument();
  });

  it("shows the API's 422 about grading bands beside the band it names", async () => {
    const { user } = await openStructure();
    const route = `PUT /api/v1/exams/grading-scales/${SCALE}`;
    api.on(
      route,
      envelope(422, 'EXAMS_INVALID_STRUCTURE', 'The grading bands are not a valid scale; see details.', [
        { field: 'bands', message: 'gap between bands B and A: 49.99 % to 49.99 % has no grade' },
        { field: 'bands.1.gradePointCenti', message: 'band B: a grade point is a whole number' },
      ]),
    );
    await user.click(screen.getByRole('button', { name: 'Edit bands: Two bands' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bands of Two bands' });
    const max = within(dialog).getByRole('textbox', { name: 'Max % for row 2' });
    await user.clear(max);
    await user.type(max, '49.98');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const rows = within(dialog).getAllByTestId('band-row');
    expect(await within(rows[1]!).findByText('band B: a grade point is a whole number')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Grade point for row 2' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(within(rows[0]!).getByTestId('band-error')).toHaveTextContent('gap between bands B and A');
    expect(within(rows[1]!).getByTestId('band-error')).toHaveTextContent('gap between bands B and A');
    expect(screen.queryByText(/saved\./)).not.toBeInTheDocument();
    expect(api.requestsTo(route)[0]?.body).toEqual({
      name: 'Two bands',
      kind: 'scholastic',
      bands: [
        { grade: 'A', minPercent: 50, maxPercent: 100, gradePoint: 10, description: 'Good' },
        { grade: 'B', minPercent: 0, maxPercent: 49.98, gradePoint: 5, description: null },
      ],
    });
  });

  it('finds the bands a scale-wide message names', () => {
    expect(bandsNamed('band A1: the highest band must end at 100 %, not 99 %', ['A1', 'A2'])).toEqual(['A1']);
    expect(bandsNamed('bands B1 and A2 overlap (81 % is in both)', ['A2', 'B1'])).toEqual(['B1', 'A2']);
    expect(bandsNamed('a scholastic scale needs at least one band', ['A'])).toEqual([]);
  });
});
