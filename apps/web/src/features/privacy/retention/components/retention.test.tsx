import type { RetentionPolicyView, RetentionRunView } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../../test/fake-api';
import { adminMe, givenSignedInTeacher } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const policy: RetentionPolicyView = {
  processingLogDays: null,
  deliveryRecordDays: 120,
  defaults: { processingLogDays: 365, deliveryRecordDays: 90 },
  effective: { processingLogDays: 365, deliveryRecordDays: 120 },
  bounds: { processingLogDays: { min: 365, max: 3650 }, deliveryRecordDays: { min: 30, max: 3650 } },
  auditEventDays: null,
  archiveDays: 7,
  updatedAt: '2026-11-01T04:00:00.000Z',
};

const run: RetentionRunView = {
  id: '0190a1b2-0000-7000-8000-00000000r001',
  startedAt: '2026-12-05T20:30:00.000Z',
  finishedAt: '2026-12-05T20:30:02.000Z',
  runDay: '2026-12-06',
  processingLogDays: 365,
  deliveryRecordDays: 120,
  deleted: { processingLogs: 1005, deliveryRecords: 12 },
  status: 'done',
};

let api: FakeApi;
afterEach(() => api.uninstall());

function givenAdmin(runs: RetentionRunView[] = [run]) {
  api = givenSignedInTeacher(installFakeApi(), adminMe)
    .on('GET /api/v1/privacy/requests', { status: 200, body: { items: [], nextCursor: null } })
    .on('GET /api/v1/privacy/retention', { status: 200, body: policy })
    .on('GET /api/v1/privacy/retention/runs', { status: 200, body: { items: runs, nextCursor: null } })
    .on('PUT /api/v1/privacy/retention', (req) => {
      const body = req.body as { processingLogDays: number | null; deliveryRecordDays: number | null };
      return {
        status: 200,
        body: {
          ...policy,
          ...body,
          effective: {
            processingLogDays: body.processingLogDays ?? 365,
            deliveryRecordDays: body.deliveryRecordDays ?? 90,
          },
        },
      };
    });
}

describe('retention tab (admin)', () => {
  it('explains the one-year floor, shows what is kept how long, and lists the last runs', async () => {
    givenAdmin();
    renderApp('/privacy?tab=retention');
    expect(await screen.findByTestId('retention-floor')).toHaveTextContent(
      'The DPDP Rules 2025 require logs of processing to be kept for at least one year',
    );
    expect(screen.getByTestId('retention-effective')).toHaveTextContent(
      'In effect: logs 365 days, delivery records 120 days.',
    );
    expect(screen.getByText(/deleting the oldest would break its verification/)).toBeInTheDocument();
    expect(screen.getByText('Deleted automatically 7 days after they are made.')).toBeInTheDocument();
    const rows = await screen.findAllByTestId('retention-run');
    expect(rows[0]).toHaveTextContent('1005');
    expect(within(rows[0]!).getByText('Done')).toBeInTheDocument();
  });

  it('refuses logs kept less than a year without calling the API, then saves the policy', async () => {
    givenAdmin();
    const { user } = renderApp('/privacy?tab=retention');
    const logs = await screen.findByRole('textbox', { name: /Logs of processing/ });
    await user.type(logs, '200');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(
      await screen.findByText(
        'Logs of processing must be kept at least 365 days (one year, DPDP Rules 2025).',
      ),
    ).toBeInTheDocument();
    expect(api.requestsTo('PUT /api/v1/privacy/retention')).toHaveLength(0);
    await user.clear(logs);
    await user.type(logs, '400');
    const deliveries = screen.getByRole('textbox', { name: /Message delivery records/ });
    await user.clear(deliveries);
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() =>
      expect(api.requestsTo('PUT /api/v1/privacy/retention')[0]?.body).toEqual({
        processingLogDays: 400,
        deliveryRecordDays: null,
      }),
    );
    expect(await screen.findByText('Retention policy saved.')).toBeInTheDocument();
  });

  it('says so when the job has not run yet', async () => {
    givenAdmin([]);
    renderApp('/privacy?tab=retention');
    expect(await screen.findByText('The retention job has not run for this school yet.')).toBeInTheDocument();
  });
});
