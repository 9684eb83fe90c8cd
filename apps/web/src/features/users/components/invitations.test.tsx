import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import {
  INVITED_USER_ID as USER,
  ONE_TIME_LINK as LINK,
  invitation,
  invited,
} from '../../../test/invitations';

let api: FakeApi;
beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi(), adminMe);
});
afterEach(() => api.uninstall());

describe('invitations in the users screen', () => {
  it('lists pending invitations with their delivery, resends with a one-time link and revokes', async () => {
    api
      .on('GET /api/v1/users', { status: 200, body: { items: [], nextCursor: null } })
      .on('GET /api/v1/roles', { status: 200, body: { items: [], nextCursor: null } })
      .on('GET /api/v1/users/invitations', {
        status: 200,
        body: { items: [invitation({ channel: 'whatsapp', delivery: 'failed' })], nextCursor: null },
      })
      .on(`POST /api/v1/users/${USER}/invitation`, { status: 202, body: invited() })
      .on(`DELETE /api/v1/users/${USER}/invitation`, {
        status: 200,
        body: invitation({ status: 'revoked' }),
      });
    const { user } = renderApp('/users');
    const row = await screen.findByTestId('invitation-row');
    expect(within(row).getByText('Not delivered')).toBeInTheDocument();
    expect(within(row).getByText('WhatsApp')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Actions for Meera Rao' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Send a new link' }));
    const result = await screen.findByRole('dialog', { name: 'Invitation for Meera Rao' });
    expect(within(result).getByRole('textbox', { name: 'One-time link' })).toHaveValue(LINK);
    expect(api.requestsTo(`POST /api/v1/users/${USER}/invitation`)[0]?.body).toEqual({ channel: 'whatsapp' });
    await user.click(within(result).getByRole('button', { name: 'Done' }));

    await user.click(within(row).getByRole('button', { name: 'Actions for Meera Rao' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Revoke' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke the invitation of Meera Rao?' });
    await user.click(within(confirm).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(api.requestsTo(`DELETE /api/v1/users/${USER}/invitation`)).toHaveLength(1));
  });
});
