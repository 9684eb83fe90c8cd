import type { DeletionCertificateView, OffboardingView, PlatformInstitutionDto } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../../test/fake-api';
import { greenwood, givenSignedInTeacher, operatorMe } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const school: PlatformInstitutionDto = { ...greenwood, createdAt: '2025-05-01T00:00:00.000Z' };
const riverside: PlatformInstitutionDto = {
  ...greenwood,
  id: '0190a1b2-0000-7000-8000-000000000002',
  slug: 'riverside',
  name: 'Riverside Public School',
  status: 'terminated',
  createdAt: '2025-05-02T00:00:00.000Z',
};
const offboarding: OffboardingView = {
  institutionId: riverside.id,
  institutionName: riverside.name,
  slug: riverside.slug,
  terminatedAt: '2025-01-01T00:00:00.000Z',
  terminatedBy: 'op',
  retentionDays: 30,
  purgeAfter: '2025-01-31T00:00:00.000Z',
  purgedAt: null,
  export: {
    status: 'done',
    done: 80,
    total: 80,
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:02.000Z',
    durationMs: 2000,
    bytes: 45_000,
    sha256: 'ab'.repeat(32),
  },
};
const certificate: DeletionCertificateView = {
  id: 'c1',
  institutionId: 'old',
  institutionName: 'Old Hill School',
  slug: 'oldhill',
  terminatedAt: '2024-10-01T00:00:00.000Z',
  purgedAt: '2024-12-30T00:00:00.000Z',
  purgedBy: null,
  totalRows: 1234,
  tables: { students: 1000, guardians: 234 },
};

let api: FakeApi;

beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi(), operatorMe)
    .on('GET /api/v1/platform/institutions', {
      status: 200,
      body: { items: [school, riverside], nextCursor: null },
    })
    .on('GET /api/v1/platform/offboarding', { status: 200, body: { items: [offboarding], nextCursor: null } })
    .on('GET /api/v1/platform/offboarding/certificates', {
      status: 200,
      body: { items: [certificate], nextCursor: null },
    });
});
afterEach(() => api.uninstall());

describe('operator: offboarding', () => {
  it('terminates a school only after its name is typed exactly and the passphrase is given twice', async () => {
    api.on(`POST /api/v1/platform/institutions/${school.id}/offboarding`, {
      status: 201,
      body: { ...offboarding, institutionId: school.id, institutionName: school.name, slug: school.slug },
    });
    const { user } = renderApp('/platform/institutions');
    // Disabled until the list of schools is in.
    const terminate = await screen.findByRole('button', { name: 'Terminate a school' });
    await waitFor(() => expect(terminate).toBeEnabled());
    await user.click(terminate);
    const dialog = await screen.findByRole('dialog', { name: 'Terminate a school' });
    await user.click(within(dialog).getByRole('textbox', { name: /^School/ }));
    await user.click(await screen.findByRole('option', { name: school.name }));
    await user.type(within(dialog).getByLabelText(/^Type the school’s name/), 'Greenwood');
    await user.type(within(dialog).getByLabelText(/^Export passphrase/), 'a long school passphrase');
    await user.type(within(dialog).getByLabelText(/^Passphrase again/), 'a long school passphrase');
    await user.click(within(dialog).getByRole('button', { name: 'Terminate' }));
    expect(await within(dialog).findByText('The name does not match')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/platform/institutions/${school.id}/offboarding`)).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText(/^Type the school’s name/));
    await user.type(within(dialog).getByLabelText(/^Type the school’s name/), school.name);
    await user.click(within(dialog).getByRole('button', { name: 'Terminate' }));
    await waitFor(() =>
      expect(api.requestsTo(`POST /api/v1/platform/institutions/${school.id}/offboarding`)[0]?.body).toEqual({
        confirmName: school.name,
        retentionDays: 90,
        passphrase: 'a long school passphrase',
      }),
    );
  });

  it('shows the export, its download, the purge date and the deletion certificates', async () => {
    api.on(`GET /api/v1/platform/institutions/${riverside.id}/offboarding/export`, {
      status: 200,
      body: 'SHALAEXP',
    });
    const { user } = renderApp('/platform/institutions');
    const row = await screen.findByTestId('offboarding-row');
    expect(within(row).getByText('Ready (44 KB, 2 s)')).toBeInTheDocument();
    expect(within(row).getByText(/^on or after/)).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: `Purge ${riverside.name} now` })).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: `Download the export of ${riverside.name}` }));
    await waitFor(() =>
      expect(
        api.requestsTo(`GET /api/v1/platform/institutions/${riverside.id}/offboarding/export`),
      ).toHaveLength(1),
    );
    const cert = await screen.findByTestId('certificate');
    expect(within(cert).getByText(/1234 rows in 2 tables/)).toBeInTheDocument();
  });
});
