import { DEMO_PASSWORD } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseURL } from './context';
import { resultsDir } from './paths';
import { totp } from './totp';

/** Milliseconds until the next 30-second TOTP step begins (plus a little slack). */
export function untilNextTotpStep(): number {
  return 30_000 - (Date.now() % 30_000) + 500;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The last TOTP step each account used in this run, shared by the test files (they run one after
 * another in separate processes). AUT-07 allows 10 MFA attempts per account in 15 minutes and the admin
 * signs in in many files: a code already spent by the previous file would waste one of them, so a
 * sign-in waits for a step nobody used instead of trying and being refused.
 */
const spentSteps = join(resultsDir, 'e2e-totp-steps.json');
const stepOf = (at: number) => Math.floor(at / 30_000);

function readSpent(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(spentSteps, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** A code of a step this account has not used yet in this run (waiting for the next step if needed). */
export async function freshCode(account: { institution: string; email: string; secret: string }) {
  const who = `${account.institution}:${account.email}`;
  const last = readSpent()[who] ?? -1;
  if (stepOf(Date.now()) <= last) await sleep(untilNextTotpStep());
  const at = Date.now();
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(spentSteps, JSON.stringify({ ...readSpent(), [who]: stepOf(at) }));
  return totp(account.secret, at);
}

/**
 * AUT-06 accepts each code once per user: when this step's code was already spent (another test, or a
 * long-running app at E2E_BASE_URL), the next step brings a fresh one.
 */
export interface SignInResult {
  /** A code was refused as spent before one worked (its 401 shows in the page's problems). */
  spentCode: boolean;
}

/** Password then TOTP code in the browser; resolves once the signed-in shell shows. */
export async function signInWithTotp(
  page: Page,
  account: { institution: string; email: string; secret: string },
): Promise<SignInResult> {
  await page.goto(`${baseURL()}/login`);
  await page.getByRole('textbox', { name: /^Institution/ }).fill(account.institution);
  await page.getByRole('textbox', { name: /^Email/ }).fill(account.email);
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const code = page.getByRole('textbox', { name: /^Authentication code/ });
  await code.waitFor();
  for (let attempt = 0; attempt < 2; attempt += 1) {
    await code.fill(await freshCode(account));
    const [answer] = await Promise.all([
      page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/auth/mfa/verify'),
      page.getByRole('button', { name: 'Verify' }).click(),
    ]);
    if (answer.ok()) {
      await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
      return { spentCode: attempt > 0 };
    }
  }
  throw new Error(`Two TOTP codes in a row were refused for ${account.email}`);
}

async function postJson(path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${baseURL()}${path}`, {
    method: 'POST',
    // The API refuses a JSON content type with an empty body, so a body-less POST sends neither.
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Signs in through the API (no browser) and answers the access token. */
export async function apiSignIn(account: {
  institution: string;
  email: string;
  secret: string;
}): Promise<string> {
  const login = await postJson('/api/v1/auth/login', {
    institution: account.institution,
    email: account.email,
    password: DEMO_PASSWORD,
  });
  const step = (await login.json()) as { mfaToken?: string; accessToken?: string };
  if (step.accessToken) return step.accessToken;
  if (!login.ok || !step.mfaToken) throw new Error(`Login of ${account.email} answered ${login.status}`);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const verify = await postJson('/api/v1/auth/mfa/verify', {
      mfaToken: step.mfaToken,
      code: await freshCode(account),
    });
    if (verify.ok) return ((await verify.json()) as { accessToken: string }).accessToken;
    if (verify.status !== 401)
      throw new Error(`MFA verification of ${account.email} answered ${verify.status}`);
  }
  throw new Error(`Two TOTP codes in a row were refused for ${account.email}`);
}

/** An authenticated JSON call to the API. */
export async function apiCall<T>(
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const response =
    method === 'GET'
      ? await fetch(`${baseURL()}${path}`, { headers: { authorization: `Bearer ${token}` } })
      : await postJson(path, body, token);
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Spent-code refusals are expected when signInWithTotp had to wait for a fresh code. */
export function withoutSpentCodeRefusals(problems: string[], result: SignInResult): string[] {
  return problems.filter(
    (problem) => !(result.spentCode && /401.*\/api\/v1\/auth\/mfa\/verify/.test(problem)),
  );
}
