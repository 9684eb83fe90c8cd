import { screen } from '@testing-library/react';
import { AuthErrorCode } from '@shala/contracts';
import { createChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionStore } from '../../../app/api/session-store';
import { envelope, installFakeApi, type FakeApi, type FakeRequest } from '../../../test/fake-api';
import { ACCESS_TOKEN, givenNoSession, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { login } from '../api/auth.api';

const SECRETS = { hmacSignatureSecret: 'test-signature-key', hmacKeySignatureSecret: 'test-key-key' };

/** A challenge as the API makes it (PBKDF2, signed, expiring), with a counter big enough to be seen working. */
function newChallenge(counter = 400) {
  return createChallenge({
    algorithm: 'PBKDF2/SHA-256',
    cost: 500,
    counter,
    deriveKey,
    expiresAt: new Date(Date.now() + 300_000),
    ...SECRETS,
  });
}

async function challengeRequired() {
  return envelope(429, AuthErrorCode.ChallengeRequired, 'Many sign-ins failed from your network recently.', [
    { field: 'proofOfWork', message: 'Solve this challenge.', challenge: await newChallenge() },
  ]);
}

/** The API's check of a `proofOfWork` field: a valid solution of one of its own challenges. */
async function solvedHonestly(request: FakeRequest): Promise<boolean> {
  const proof = (request.body as { proofOfWork?: string }).proofOfWork;
  if (!proof) return false;
  const { challenge, solution } = JSON.parse(atob(proof)) as Parameters<typeof verifySolution>[0];
  return (await verifySolution({ challenge, solution, deriveKey, ...SECRETS })).verified;
}

let api: FakeApi;

beforeEach(() => {
  api = givenNoSession(installFakeApi())
    .on('GET /api/v1/me', { status: 200, body: teacherMe })
    .on('GET /api/health/ready', { status: 200, body: { status: 'ok', checks: { database: 'up' } } });
});
afterEach(() => api.uninstall());

const CREDENTIALS = {
  institution: 'greenwood',
  email: 'teacher@greenwood.test',
  password: 'shala-demo-password',
};

describe('sign-in behind a network the API wants a proof of work from (AUT-07)', () => {
  it('[AUT-07] solves the challenge and repeats the sign-in with the solution', async () => {
    api.on('POST /api/v1/auth/login', async (request) =>
      (await solvedHonestly(request))
        ? { status: 200, body: { accessToken: ACCESS_TOKEN, expiresIn: 600, user: teacherMe.user } }
        : challengeRequired(),
    );
    const checking: boolean[] = [];

    await expect(login(CREDENTIALS, { onCheckingBrowser: (c) => checking.push(c) })).resolves.toEqual({
      kind: 'signed-in',
    });

    const sent = api.requestsTo('POST /api/v1/auth/login').map((r) => r.body as Record<string, unknown>);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual(CREDENTIALS);
    expect(sent[1]).toEqual({ ...CREDENTIALS, proofOfWork: expect.any(String) });
    expect(checking).toEqual([true, false]);
    expect(sessionStore.getAccessToken()).toBe(ACCESS_TOKEN);
  });

  it('[AUT-07] gives up after three challenges and shows the API answer', async () => {
    api.on('POST /api/v1/auth/login', () => challengeRequired());

    await expect(login(CREDENTIALS)).rejects.toMatchObject({ response: { status: 429 } });
    expect(api.requestsTo('POST /api/v1/auth/login')).toHaveLength(4);
  });

  it('[AUT-07] passes other refusals through without solving anything', async () => {
    api.on(
      'POST /api/v1/auth/login',
      envelope(401, 'INVALID_CREDENTIALS', 'The institution, email or password is not right.'),
    );

    await expect(login(CREDENTIALS)).rejects.toMatchObject({ response: { status: 401 } });
    expect(api.requestsTo('POST /api/v1/auth/login')).toHaveLength(1);
  });

  it('[AUT-07] tells the user the browser is being checked, then signs in', async () => {
    api.on('POST /api/v1/auth/login', async (request) =>
      (await solvedHonestly(request))
        ? { status: 200, body: { accessToken: ACCESS_TOKEN, expiresIn: 600, user: teacherMe.user } }
        : challengeRequired(),
    );
    const { user } = renderApp('/login');
    await user.type(await screen.findByLabelText(/^Institution/), CREDENTIALS.institution);
    await user.type(screen.getByLabelText(/^Email/), CREDENTIALS.email);
    await user.type(screen.getByLabelText(/^Password/), CREDENTIALS.password);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Checking your browser…');
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(screen.queryByText('Checking your browser…')).not.toBeInTheDocument();
  });
});
