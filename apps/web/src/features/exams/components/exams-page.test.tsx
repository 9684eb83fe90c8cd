import { DEFAULT_ROLE_PERMISSIONS, DefaultRole } from '@shala/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { captureDownloads } from '../../../test/downloads';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedIn, meWith, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { StudentResultsView, TermResultView } from '@shala/contracts';
import { assessmentPercentages } from './family-results';

const CHILD = '0190a1b2-0000-7000-8000-0000000005c1';
const TERM = '0190a1b2-0000-7000-8000-00000000e002';
const parentMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]], {
  ...teacherMe,
  roles: [DefaultRole.Parent],
  user: { ...teacherMe.user, email: 'parent@greenwood.test', displayName: 'Ravi Kumar' },
});

const term: TermResultView = {
  termId: TERM,
  termName: 'Term 1',
  percentage: 62.35,
  grade: 'B2',
  passed: true,
  gradePointAverage: 7,
  published: true,
  publishedAt: '2025-10-01T05:00:00.000Z',
  subjects: [
    {
      subjectId: 's1',
      subject: 'Mathematics',
      marks: 42.4,
      maxMarks: 68,
      percentage: 62.35,
      grade: 'B2',
      gradePoint: 7,
      passed: true,
      status: 'complete',
      assessments: [
        {
          assessmentId: 'pt1',
          name: 'Periodic Test 1',
          code: 'PT1',
          status: 'marks',
          marks: 15,
          maxMarks: 20,
          weightage: 20,
        },
        {
          assessmentId: 'hy',
          name: 'Half-Yearly',
          code: 'HY',
          status: 'marks',
          marks: 48,
          maxMarks: 80,
          weightage: 80,
        },
      ],
    },
    {
      subjectId: 's2',
      subject: 'Hindi',
      marks: null,
      maxMarks: null,
      percentage: null,
      grade: null,
      gradePoint: null,
      passed: null,
      status: 'exempt',
      assessments: [
        {
          assessmentId: 'pt1',
          name: 'Periodic Test 1',
          code: 'PT1',
          status: 'EX',
          marks: null,
          maxMarks: 20,
          weightage: 0,
        },
        {
          assessmentId: 'hy',
          name: 'Half-Yearly',
          code: 'HY',
          status: 'AB',
          marks: null,
          maxMarks: 80,
          weightage: 0,
        },
      ],
    },
  ],
};

let api: FakeApi;
afterEach(() => (api as FakeApi | undefined)?.uninstall());

function givenParent(results: StudentResultsView) {
  api = givenSignedIn(installFakeApi(), parentMe)
    .on('GET /api/v1/students', {
      status: 200,
      body: {
        items: [{ id: CHILD, fullName: 'Kiran Rao', admissionNo: 'GW-1', enrolment: null, status: 'active' }],
        nextCursor: null,
      },
    })
    .on(`GET /api/v1/exams/students/${CHILD}/results`, { status: 200, body: results });
}

describe('the exams page', () => {
  it('opens on marks entry for a teacher and shows no publishing', async () => {
    api = givenSignedIn(installFakeApi(), teacherMe);
    renderApp('/exams');
    expect(await screen.findByRole('tab', { name: 'Marks entry', selected: true })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Publish' })).not.toBeInTheDocument();
  });

  it('opens on progress for the school admin, with publishing', async () => {
    api = givenSignedIn(installFakeApi(), adminMe);
    renderApp('/exams');
    expect(await screen.findByRole('tab', { name: 'Progress', selected: true })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Publish' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Marks entry' })).toBeInTheDocument();
  });

  it('tells a parent when nothing is published', async () => {
    givenParent({ studentId: CHILD, items: [], year: null });
    renderApp('/exams');
    expect(await screen.findByText('No results are published yet.')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it("shows a parent the published term as the API answered it and downloads the term's card", async () => {
    givenParent({ studentId: CHILD, items: [term], year: null });
    api.on(`GET /api/v1/exams/students/${CHILD}/report-card`, (request) => ({
      status: request.query.get('term') === TERM ? 200 : 404,
      body: new Blob(['%PDF-1.7'], { type: 'application/pdf' }),
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': 'inline; filename="kiran-term-1.pdf"',
      },
    }));
    const downloads = captureDownloads();
    const { user } = renderApp('/exams');
    const table = await screen.findByRole('table', { name: 'Term 1 results' });
    expect(within(table).getByRole('row', { name: /Mathematics/ })).toHaveTextContent('42.4 / 68');
    expect(within(table).getByRole('row', { name: /Hindi/ })).toHaveTextContent('Exempt');
    expect(screen.getByTestId('term-overall')).toHaveTextContent('62.35% · Grade B2 · Pass');
    await user.click(screen.getByRole('button', { name: 'Report card (PDF)' }));
    await expect.poll(() => downloads.files.map((f) => f.name)).toEqual(['kiran-term-1.pdf']);
  });

  it('charts each assessment over the papers that count (AB counts as zero, EX leaves)', () => {
    expect(assessmentPercentages({ studentId: CHILD, items: [term], year: null })).toEqual([
      { key: 'pt1', label: 'Term 1 · PT1', value: 75 },
      { key: 'hy', label: 'Term 1 · HY', value: 30 },
    ]);
  });
});
