import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, type UserListResponse } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { baseURL } from './support/context';
import { horizontalOverflow, PHONE } from './support/layout';
import { resultsDir } from './support/paths';
import { apiCall, apiSignIn } from './support/sign-in';
import { totp } from './support/totp';

const browser = useBrowser();

const ACCOUNTANT = 'accountant@greenwood.test';

describe('forced MFA enrolment', () => {
  it('makes an accountant whose MFA was reset enrol again, shows the recovery codes once, then lets them in', async () => {
    // The admin resets the accountant's MFA through the API, as the users screen would.
    const adminToken = await apiSignIn({
      institution: 'greenwood',
      email: 'admin@greenwood.test',
      secret: DEMO_TOTP_SECRET,
    });
    const users = await apiCall<UserListResponse>(adminToken, 'GET', '/api/v1/users?limit=200');
    const accountant = users.items.find((user) => user.email === ACCOUNTANT);
    expect(accountant).toBeDefined();
    await apiCall(adminToken, 'POST', `/api/v1/users/${accountant!.id}/mfa/reset`);

    const { page, problems } = await browser.open({ viewport: PHONE });
    await page.goto(`${baseURL()}/login`);
    await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
    await page.getByRole('textbox', { name: /^Email/ }).fill(ACCOUNTANT);
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Set up two-step verification' }).waitFor();
    await page.getByRole('button', { name: 'Set up now' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = await page.getByTestId('mfa-secret').getAttribute('data-secret');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    // What a person types: the grouped key as shown, spaces and all.
    const shown = (await page.getByTestId('mfa-secret').textContent())?.replace(/\s+/g, '');
    expect(shown).toBe(secret);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, 'enrolment-360.png'), fullPage: true });

    await page.getByRole('textbox', { name: /^Code from the app/ }).fill(totp(shown!));
    await page.getByRole('button', { name: 'Verify and turn on' }).click();

    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    expect(await codes.count()).toBe(10);
    const continueButton = page.getByRole('button', { name: 'Continue to Shala' });
    expect(await continueButton.isDisabled()).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, 'recovery-codes-360.png'), fullPage: true });

    await page.getByRole('checkbox', { name: 'I have saved these recovery codes' }).check();
    await continueButton.click();
    await page.getByRole('region', { name: 'Your account' }).getByText(ACCOUNTANT).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(problems.list()).toEqual([]);
  }, 120_000);
});
