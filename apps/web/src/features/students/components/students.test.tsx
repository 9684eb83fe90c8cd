import { Permission } from '@shala/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobText, captureDownloads } from '../../../test/downloads';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, meWith } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { StudentProfile, StudentSummary } from '@shala/contracts';

const ID = '0190a1b2-0000-7000-8000-000000000501';

const summary = (n: number, fields: Partial<StudentSummary> = {}): StudentSummary => ({
  id: `0190a1b2-0000-7000-8000-0000000005${String(n).padStart(2, '0')}`,
  admissionNo: `GW-${n}`,
  firstName: `Name${n}`,
  lastName: 'Rao',
  fullName: `Name${n} Rao`,
  dateOfBirth: '2015-06-14',
  gender: 'female',
  admissionDate: '2021-04-01',
  status: 'active',
  enrolment: {
    academicYearId: 'y',
    sectionId: 's',
    sectionName: 'A',
    classId: 'c',
    className: 'Class 5',
    rollNo: n,
  },
  ...fields,
});

const masked: StudentProfile = {
  ...summary(1),
  id: ID,
  nationalId: '********1234',
  medicalNotes: '••••••',
  address: '••••••',
  masked: true,
  hasAccount: false,
  guardians: [
    {
      id: 'g1',
      fullName: 'Meera Rao',
      relationship: 'mother',
      isPrimary: true,
      phone: '+91******10',
      email: 'm***@x.com',
      hasAccount: true,
      masked: true,
    },
  ],
};

let api: FakeApi;
beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi(), adminMe)
    .on('GET /api/v1/academics/classes', { status: 200, body: { items: [] } })
    .on(`GET /api/v1/students/${ID}`, { status: 200, body: masked });
});
afterEach(() => api.uninstall());

describe('students', () => {
  it('searches by name prefix and loads more with the cursor', async () => {
    api.on('GET /api/v1/students', (request) =>
      request.query.get('cursor') === 'c2'
        ? { status: 200, body: { items: [summary(3)], nextCursor: null } }
        : { status: 200, body: { items: [summary(1), summary(2)], nextCursor: 'c2' } },
    );
    const { user } = renderApp('/students');
    const table = await screen.findByRole('table', { name: 'Students' });
    expect(within(table).getAllByTestId('student-row')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(table).getAllByTestId('student-row')).toHaveLength(3));

    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Nam');
    await waitFor(() =>
      expect(api.requestsTo('GET /api/v1/students').some((r) => r.query.get('q') === 'Nam')).toBe(true),
    );
  });

  it('shows masked values and reveals them, saying the reveal is recorded', async () => {
    api.on(`POST /api/v1/students/${ID}/reveal`, {
      status: 200,
      body: {
        ...masked,
        nationalId: '4321-5678-1234',
        masked: false,
        guardians: [{ ...masked.guardians[0], phone: '+919812345610', masked: false }],
      },
    });
    const { user } = renderApp(`/students/${ID}`);
    expect(await screen.findByText('********1234')).toBeInTheDocument();
    expect(screen.getByTestId('guardian')).toHaveTextContent('+91******10');
    expect(screen.getByText(/recorded in the audit log with your name/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Reveal' }));
    expect(await screen.findByText('4321-5678-1234')).toBeInTheDocument();
    expect(screen.getByTestId('guardian')).toHaveTextContent('+919812345610');
    expect(screen.getByText(/This reveal was recorded in the audit log/)).toBeInTheDocument();
  });

  it('hides Reveal without the permission', async () => {
    api.on('GET /api/v1/me', {
      status: 200,
      body: meWith(
        adminMe.permissions.filter((p) => p !== Permission.StudentsSensitiveReveal),
        adminMe,
      ),
    });
    renderApp(`/students/${ID}`);
    expect(await screen.findByText('********1234')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reveal' })).not.toBeInTheDocument();
    expect(screen.getByText('Sensitive values are masked.')).toBeInTheDocument();
  });

  it('shows the dry-run problems row by row, and imports only a clean file', async () => {
    api.on('POST /api/v1/students/import', async (request) => {
      const text = await blobText(request.body as Blob);
      const bad = text.includes('2014-13-45');
      if (request.query.get('dryRun') === 'true') {
        return {
          status: 200,
          body: {
            dryRun: true,
            rows: 2,
            created: bad ? 1 : 2,
            updated: 0,
            guardiansCreated: 0,
            errors: bad
              ? [
                  { row: 2, column: 'date_of_birth', message: 'must be a date YYYY-MM-DD' },
                  { row: 3, column: 'section', message: 'no section "Z" in Class 6' },
                ]
              : [],
            durationMs: 4,
          },
        };
      }
      return {
        status: 200,
        body: {
          dryRun: false,
          rows: 2,
          created: 2,
          updated: 0,
          guardiansCreated: 2,
          errors: [],
          durationMs: 9,
        },
      };
    });
    const { user } = renderApp('/students/import');
    await screen.findByRole('heading', { name: 'Import students' });
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;

    fireEvent.change(input, {
      target: { files: [new File(['a,b\n2014-13-45\n'], 'bad.csv', { type: 'text/csv' })] },
    });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Check file (dry run)' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Check file (dry run)' }));
    const table = await screen.findByRole('table', { name: 'Problems by row' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      '2date_of_birthmust be a date YYYY-MM-DD',
      '3sectionno section "Z" in Class 6',
    ]);
    expect(screen.queryByRole('button', { name: /^Import \d+ rows$/ })).not.toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/students/import')[0]?.headers.get('Content-Type')).toBe('text/csv');

    fireEvent.change(input, {
      target: { files: [new File(['a,b\n2014-05-17\n'], 'good.csv', { type: 'text/csv' })] },
    });
    await waitFor(() =>
      expect(screen.queryByRole('table', { name: 'Problems by row' })).not.toBeInTheDocument(),
    );
    await user.click(screen.getByRole('button', { name: 'Check file (dry run)' }));
    await user.click(await screen.findByRole('button', { name: 'Import 2 rows' }));
    expect(await screen.findByTestId('import-result')).toHaveTextContent(
      'Imported: 2 new, 0 updated, 2 guardians added.',
    );
    expect(api.requestsTo('POST /api/v1/students/import').at(-1)?.query.get('dryRun')).toBe('false');
  });

  it('lists the rejected rows when the real import refuses the file', async () => {
    api.on('POST /api/v1/students/import', (request) =>
      request.query.get('dryRun') === 'true'
        ? {
            status: 200,
            body: {
              dryRun: true,
              rows: 1,
              created: 1,
              updated: 0,
              guardiansCreated: 0,
              errors: [],
              durationMs: 1,
            },
          }
        : envelope(422, 'IMPORT_REJECTED', 'The import was rejected; nothing was imported', [
            { row: 2, column: 'admission_no', field: 'admission_no', message: 'already taken' },
          ]),
    );
    const { user } = renderApp('/students/import');
    await screen.findByRole('heading', { name: 'Import students' });
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], 'a.csv', { type: 'text/csv' })] } });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Check file (dry run)' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Check file (dry run)' }));
    await user.click(await screen.findByRole('button', { name: 'Import 1 rows' }));
    expect(await screen.findByText('Nothing was imported')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Problems by row' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('2admission_noalready taken');
  });
});

describe('students export', () => {
  it('downloads the filtered list as CSV with the bearer header, never a token in the URL', async () => {
    const { files } = captureDownloads();
    api
      .on('GET /api/v1/students', { status: 200, body: { items: [summary(1)], nextCursor: null } })
      .on('GET /api/v1/students/export', {
        status: 200,
        body: new Blob(['admission_no,full_name\nGW-1,Name1 Rao\n'], { type: 'text/csv' }),
        headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="students.csv"' },
      });
    const { user } = renderApp('/students');
    await screen.findByRole('table', { name: 'Students' });
    await user.click(screen.getByRole('textbox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Alumni' }));
    // the filters live in the URL: the list shows alumni once the navigation lands
    await waitFor(() =>
      expect(api.requestsTo('GET /api/v1/students').at(-1)?.query.get('status')).toBe('alumni'),
    );
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]?.name).toBe('students.csv');
    expect(await blobText(files[0]!.blob)).toContain('GW-1,Name1 Rao');
    const [request] = api.requestsTo('GET /api/v1/students/export');
    expect(request?.query.get('status')).toBe('alumni');
    expect(request?.headers.get('Authorization')).toMatch(/^Bearer /);
    expect(request?.query.toString()).not.toMatch(/token|eyJ/);
  });
});
