import { DEMO_PASSWORD } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { baseURL } from './context';
import { totp } from './totp';

/** Milliseconds until the next 30-second TOTP step begins (plus a little slack). */
export function untilNextTotpStep(): number {
  return 30_000 - (Date.now() % 30_000) + 500;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    if (attempt > 0) await page.waitForTimeout(untilNextTotpStep());
    await code.fill(totp(account.secret));
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
    if (attempt > 0) await sleep(untilNextTotpStep());
    const verify = await postJson('/api/v1/auth/mfa/verify', {
      mfaToken: step.mfaToken,
      code: totp(account.secret),
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
