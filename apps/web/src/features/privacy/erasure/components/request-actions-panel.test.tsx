import type { PrivacyErasureView, PrivacyRequestView, PrivacyRestrictionView } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../../test/fake-api';
import { adminMe, givenSignedInTeacher } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const STUDENT = '0190a1b2-0000-7000-8000-00000000c222';

function request(over: Partial<PrivacyRequestView>): PrivacyRequestView {
  return {
    id: '0190a1b2-0000-7000-8000-00000000e001',
    type: 'erasure',
    subjectType: 'student',
    subjectId: STUDENT,
    subjectName: 'Anaya Sharma',
    status: 'in_progress',
    details: null,
    raisedBy: 'parent',
    requestedByUserId: '0190a1b2-0000-7000-8000-0000000000pa',
    receivedAt: '2026-05-01T04:00:00.000Z',
    dueAt: '2026-05-31T04:00:00.000Z',
    closedAt: null,
    refusalReason: null,
    overdue: false,
    ...over,
  };
}

const erasure = request({});
const restriction = request({ id: '0190a1b2-0000-7000-8000-00000000e002', type: 'restriction' });
const HOUR_MS = 60 * 60 * 1000;
const hoursFromNow = (h: number) => new Date(Date.now() + h * HOUR_MS).toISOString();
/** Just scheduled: the 48-hour notice runs out in the future. */
const scheduled: PrivacyErasureView = {
  requestId: erasure.id,
  status: 'scheduled',
  scheduledAt: hoursFromNow(0),
  executesAt: hoursFromNow(48),
  executedAt: null,
  cancelledAt: null,
  pseudonym: 'Erased student 7F3A',
};

let api: FakeApi;
afterEach(() => api.uninstall());

function givenAdmin(items: PrivacyRequestView[]) {
  let restricted = false;
  api = givenSignedInTeacher(installFakeApi(), adminMe)
    .on('GET /api/v1/privacy/requests', { status: 200, body: { items, nextCursor: null } })
    .on(`GET /api/v1/privacy/requests/${erasure.id}/erasure`, {
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'The erasure was not found.' } },
    })
    .on(`POST /api/v1/privacy/requests/${erasure.id}/erasure`, { status: 201, body: scheduled })
    .on(`GET /api/v1/privacy/requests/${restriction.id}/restriction`, () => ({
      status: 200,
      body: { requestId: restriction.id, subjectType: 'student', subjectId: STUDENT, restricted },
    }))
    .on(`POST /api/v1/privacy/requests/${restriction.id}/restriction`, () => {
      restricted = true;
      const body: PrivacyRestrictionView = {
        requestId: restriction.id,
        subjectType: 'student',
        subjectId: STUDENT,
        restricted: true,
      };
      return { status: 200, body };
    });
}

describe('erasure and restriction on the request (admin)', () => {
  it('asks for the typed name before scheduling the erasure, showing when it will run', async () => {
    givenAdmin([erasure]);
    const { user } = renderApp('/privacy');
    await user.click(await screen.findByRole('button', { name: 'Erase…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/the erasure runs on/)).toBeInTheDocument();
    const box = within(dialog).getByRole('textbox', { name: /Type the full name/ });
    await user.type(box, 'Someone Else');
    await user.click(within(dialog).getByRole('button', { name: 'Schedule erasure' }));
    expect(await within(dialog).findByText('That does not match the name.')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/privacy/requests/${erasure.id}/erasure`)).toHaveLength(0);
    await user.clear(box);
    await user.type(box, 'anaya sharma');
    await user.click(within(dialog).getByRole('button', { name: 'Schedule erasure' }));
    await waitFor(() =>
      expect(api.requestsTo(`POST /api/v1/privacy/requests/${erasure.id}/erasure`)[0]?.body).toEqual({
        confirmation: 'anaya sharma',
      }),
    );
    expect(await screen.findByTestId('erasure-status')).toHaveTextContent('Erasure scheduled for');
  });

  it('[PRV-02] offers no "Erase now" while the 48-hour notice runs', async () => {
    givenAdmin([erasure]);
    api.on(`GET /api/v1/privacy/requests/${erasure.id}/erasure`, { status: 200, body: scheduled });
    renderApp('/privacy');
    expect(await screen.findByTestId('erasure-status')).toHaveTextContent('Erasure scheduled for');
    expect(screen.getByRole('button', { name: 'Cancel erasure' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Erase now…' })).not.toBeInTheDocument();
    // The erasure completes the request when it runs: it cannot be marked completed or refused meanwhile.
    expect(screen.queryByRole('button', { name: 'Mark completed' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Refuse' })).not.toBeInTheDocument();
  });

  it('offers closing the request again once its erasure is cancelled', async () => {
    givenAdmin([erasure]);
    api.on(`GET /api/v1/privacy/requests/${erasure.id}/erasure`, {
      status: 200,
      body: { ...scheduled, status: 'cancelled', cancelledAt: hoursFromNow(0) },
    });
    renderApp('/privacy');
    expect(await screen.findByRole('button', { name: 'Mark completed' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refuse' })).toBeInTheDocument();
  });

  it('[PRV-02] erases now once the notice has run out, after the name is typed again', async () => {
    const due = { ...scheduled, scheduledAt: hoursFromNow(-49), executesAt: hoursFromNow(-1) };
    const done: PrivacyErasureView = { ...due, status: 'executed', executedAt: hoursFromNow(0) };
    givenAdmin([erasure]);
    // As the API does: once executed, the erasure reads as executed (the page refetches it).
    let executed = false;
    api
      .on(`GET /api/v1/privacy/requests/${erasure.id}/erasure`, () => ({
        status: 200,
        body: executed ? done : due,
      }))
      .on(`POST /api/v1/privacy/requests/${erasure.id}/erasure/execute`, () => {
        executed = true;
        return { status: 200, body: done };
      });
    const { user } = renderApp('/privacy');
    expect(await screen.findByTestId('erasure-status')).toHaveTextContent('48-hour notice ran out');
    expect(screen.queryByRole('button', { name: 'Mark completed' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel erasure' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Erase now…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Erase now?' });
    expect(within(dialog).getByText(/Erased student 7F3A/)).toBeInTheDocument();
    const box = within(dialog).getByRole('textbox', { name: /Type the full name/ });
    await user.type(box, 'Someone Else');
    await user.click(within(dialog).getByRole('button', { name: 'Erase now' }));
    expect(await within(dialog).findByText('That does not match the name.')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/privacy/requests/${erasure.id}/erasure/execute`)).toHaveLength(0);
    await user.clear(box);
    await user.type(box, 'Anaya Sharma');
    await user.click(within(dialog).getByRole('button', { name: 'Erase now' }));
    await waitFor(() =>
      expect(api.requestsTo(`POST /api/v1/privacy/requests/${erasure.id}/erasure/execute`)).toHaveLength(1),
    );
    await waitFor(() =>
      expect(screen.getByTestId('erasure-status')).toHaveTextContent(/Erased on .*Erased student 7F3A/),
    );
  });

  it('asks nothing about the erasure of a request not started yet', async () => {
    givenAdmin([{ ...erasure, status: 'open' }]);
    renderApp('/privacy');
    expect(await screen.findByText(/Start work on the request, then schedule/)).toBeInTheDocument();
    expect(api.requestsTo(`GET /api/v1/privacy/requests/${erasure.id}/erasure`)).toHaveLength(0);
  });

  it('applies a restriction and then offers to lift it', async () => {
    givenAdmin([restriction]);
    const { user } = renderApp('/privacy');
    expect(await screen.findByText('Processing is not restricted.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Apply restriction' }));
    expect(await screen.findByRole('button', { name: 'Lift restriction' })).toBeInTheDocument();
    expect(screen.getByText(/Processing is restricted/)).toBeInTheDocument();
  });
});
