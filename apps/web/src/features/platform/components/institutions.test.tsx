import type { PlatformInstitutionDto } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { greenwood, givenSignedInTeacher, operatorMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const school: PlatformInstitutionDto = { ...greenwood, createdAt: '2025-05-01T00:00:00.000Z' };
const riverside: PlatformInstitutionDto = {
  ...greenwood,
  id: '0190a1b2-0000-7000-8000-000000000002',
  slug: 'riverside',
  name: 'Riverside Public School',
  status: 'suspended',
  createdAt: '2025-05-02T00:00:00.000Z',
};

let api: FakeApi;

beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi(), operatorMe).on('GET /api/v1/platform/institutions', {
    status: 200,
    body: { items: [school, riverside], nextCursor: null },
  });
});
afterEach(() => api.uninstall());

describe('operator: institutions', () => {
  it('suspends a school after confirmation and reactivates a suspended one', async () => {
    api
      .on(`PATCH /api/v1/platform/institutions/${school.id}`, {
        status: 200,
        body: { ...school, status: 'suspended' },
      })
      .on(`PATCH /api/v1/platform/institutions/${riverside.id}`, {
        status: 200,
        body: { ...riverside, status: 'active' },
      });
    const { user } = renderApp('/platform/institutions');

    await user.click(await screen.findByRole('button', { name: 'Suspend Greenwood High School' }));
    const dialog = await screen.findByRole('dialog', { name: 'Suspend Greenwood High School?' });
    expect(api.requestsTo(`PATCH /api/v1/platform/institutions/${school.id}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Suspend' }));
    await waitFor(() =>
      expect(api.requestsTo(`PATCH /api/v1/platform/institutions/${school.id}`)[0]?.body).toEqual({
        status: 'suspended',
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Reactivate Riverside Public School' }));
    await waitFor(() =>
      expect(api.requestsTo(`PATCH /api/v1/platform/institutions/${riverside.id}`)[0]?.body).toEqual({
        status: 'active',
      }),
    );
  });

  it('provisions a school with its first admin, leaving out optional fields left empty', async () => {
    api.on('POST /api/v1/platform/institutions', {
      status: 201,
      body: {
        institution: { ...greenwood, slug: 'lakeside', name: 'Lakeside Academy' },
        admin: { id: 'u1', email: 'head@lakeside.test', status: 'invited' },
      },
    });
    const { user } = renderApp('/platform/institutions');
    await user.click(await screen.findByRole('button', { name: 'Provision institution' }));
    const dialog = await screen.findByRole('dialog', { name: 'Provision an institution' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Lakeside Academy');
    await user.type(within(dialog).getByLabelText(/^Slug/), 'lakeside');
    await user.type(within(dialog).getByLabelText(/^First admin’s name/), 'Head Teacher');
    await user.type(within(dialog).getByLabelText(/^First admin’s email/), 'head@lakeside.test');
    await user.click(within(dialog).getByRole('button', { name: 'Provision and invite' }));

    expect(
      await screen.findByText('Lakeside Academy is ready. An invitation went to head@lakeside.test.'),
    ).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/platform/institutions')[0]?.body).toEqual({
      slug: 'lakeside',
      name: 'Lakeside Academy',
      admin: { email: 'head@lakeside.test', displayName: 'Head Teacher' },
    });
  });

  it("gives the operator the first admin's one-time link when the invitation email cannot go out", async () => {
    const link = 'https://shala.example/accept-invitation?token=t.i.secret';
    api.on('POST /api/v1/platform/institutions', {
      status: 201,
      body: {
        institution: { ...greenwood, slug: 'lakeside', name: 'Lakeside Academy' },
        admin: {
          id: 'u1',
          email: 'head@lakeside.test',
          status: 'invited',
          delivery: 'not_deliverable',
          deliveryProblem: 'the email channel is not ready: the server has no SMTP_URL',
          oneTimeLink: link,
        },
      },
    });
    const { user } = renderApp('/platform/institutions');
    await user.click(await screen.findByRole('button', { name: 'Provision institution' }));
    const dialog = await screen.findByRole('dialog', { name: 'Provision an institution' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Lakeside Academy');
    await user.type(within(dialog).getByLabelText(/^Slug/), 'lakeside');
    await user.type(within(dialog).getByLabelText(/^First admin’s name/), 'Head Teacher');
    await user.type(within(dialog).getByLabelText(/^First admin’s email/), 'head@lakeside.test');
    await user.click(within(dialog).getByRole('button', { name: 'Provision and invite' }));

    const result = await screen.findByRole('dialog', { name: 'Lakeside Academy is ready' });
    expect(within(result).getByText('Cannot be delivered')).toBeInTheDocument();
    expect(within(result).getByRole('textbox', { name: 'One-time link' })).toHaveValue(link);
    expect(within(result).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
  });

  it("lets the operator revoke the first admin's invitation and send a new link, shown once when undeliverable", async () => {
    const base = `/api/v1/platform/institutions/${school.id}/admin-invitations`;
    const pending = {
      userId: 'u1',
      email: 'head@greenwood.test',
      displayName: 'Head Teacher',
      status: 'pending',
      sentAt: '2026-12-01T04:00:00.000Z',
      expiresAt: '2026-12-04T04:00:00.000Z',
    };
    const link = 'https://shala.example/accept-invitation?token=t.i.secret2';
    api
      .on(`GET ${base}`, { status: 200, body: { items: [pending] } })
      .on(`DELETE ${base}/u1`, { status: 200, body: { ...pending, status: 'revoked' } })
      .on(`POST ${base}/u1`, {
        status: 202,
        body: {
          ...pending,
          delivery: 'not_deliverable',
          deliveryProblem: 'the email channel is not ready: the server has no SMTP_URL',
          oneTimeLink: link,
        },
      });
    const { user } = renderApp('/platform/institutions');
    await user.click(
      await screen.findByRole('button', { name: 'Admin invitation of Greenwood High School' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Admin invitation of Greenwood High School' });
    expect(await within(dialog).findByText('head@greenwood.test')).toBeInTheDocument();
    expect(within(dialog).getByText('Pending')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(api.requestsTo(`DELETE ${base}/u1`)).toHaveLength(1));
    await user.click(within(dialog).getByRole('button', { name: 'Send a new link' }));
    expect(await within(dialog).findByRole('textbox', { name: 'One-time link' })).toHaveValue(link);
    expect(within(dialog).getByText('Cannot be delivered')).toBeInTheDocument();
    expect(api.requestsTo(`POST ${base}/u1`)).toHaveLength(1);
  });

  it('shows a taken slug at the slug field', async () => {
    api.on(
      'POST /api/v1/platform/institutions',
      envelope(409, 'INSTITUTION_SLUG_TAKEN', 'An institution with slug "greenwood" already exists.', [
        { field: 'slug', message: 'already taken' },
      ]),
    );
    const { user } = renderApp('/platform/institutions');
    await user.click(await screen.findByRole('button', { name: 'Provision institution' }));
    const dialog = await screen.findByRole('dialog', { name: 'Provision an institution' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Greenwood Again');
    await user.type(within(dialog).getByLabelText(/^Slug/), 'greenwood');
    await user.type(within(dialog).getByLabelText(/^First admin’s name/), 'Head Teacher');
    await user.type(within(dialog).getByLabelText(/^First admin’s email/), 'head@greenwood.test');
    await user.click(within(dialog).getByRole('button', { name: 'Provision and invite' }));

    expect(await within(dialog).findByText('already taken')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Slug/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('keeps the operator out of school screens', async () => {
    renderApp('/users');
    expect(await screen.findByText('You cannot open this page')).toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/users')).toHaveLength(0);
  });
});
