import { readFileSync } from 'node:fs';
import { DEMO_TOTP_SECRET } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import type { PageProblems } from './support/console';
import { baseURL } from './support/context';
import { captureBothWidths, DESKTOP } from './support/layout';
import { signInWithTotp, withoutSpentCodeRefusals, type SignInResult } from './support/sign-in';

const browser = useBrowser();
let page: Page;
let problems: PageProblems;
let signIn: SignInResult;

// One sign-in for the whole file: each TOTP code works once, and the admin signs in elsewhere too.
beforeAll(async () => {
  ({ page, problems } = await browser.open({ viewport: DESKTOP, acceptDownloads: true }, 'file'));
  signIn = await signInWithTotp(page, {
    // Riverside's admin: AUT-07 allows 10 MFA attempts per account in 15 minutes, and Greenwood's admin
    // signs in in most other files of this run.
    institution: 'riverside',
    email: 'admin@riverside.test',
    secret: DEMO_TOTP_SECRET,
  });
}, 120_000);

async function openFromNavigation(label: string, heading: string) {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: label }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

describe('school admin screens', () => {
  it('exports the audit log as a CSV download after the chain verifies', async () => {
    await openFromNavigation('Audit log', 'Audit log');
    await page.getByText(/^Chain verified: \d+ events?$/).waitFor();
    await page.getByRole('table', { name: 'Audit events' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^seq,localTime,timeZone,summary,actorName,/);
    expect(csv.split('\n').length).toBeGreaterThan(2);

    const { phoneOverflow } = await captureBothWidths(page, 'audit');
    expect(phoneOverflow).toBeLessThanOrEqual(0);
    await page
      .getByRole('button', { name: /^Show details of event/ })
      .first()
      .click();
    await captureBothWidths(page, 'audit-details');
    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  });

  it('shows users, roles and the account pages on a desktop and a 360 px phone', async () => {
    await openFromNavigation('Users', 'Users');
    await page.getByRole('table', { name: 'Users' }).getByText('teacher@riverside.test').waitFor();
    expect((await captureBothWidths(page, 'users')).phoneOverflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Invite user' }).click();
    await page.getByRole('dialog', { name: 'Invite a user' }).waitFor();
    expect((await captureBothWidths(page, 'users-invite')).phoneOverflow).toBeLessThanOrEqual(0);
    await page.getByRole('dialog', { name: 'Invite a user' }).getByRole('button', { name: 'Cancel' }).click();

    await openFromNavigation('Roles', 'Roles and permissions');
    await page.getByRole('table', { name: 'Permissions of each role' }).waitFor();
    await page.getByRole('checkbox', { name: 'See fees for Teacher' }).check();
    expect((await captureBothWidths(page, 'roles')).phoneOverflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Save the permissions of Teacher' }).click();
    await page
      .getByRole('dialog', { name: 'Save the permissions of Teacher?' })
      .getByText('+ See fees')
      .waitFor();
    expect((await captureBothWidths(page, 'roles-save')).phoneOverflow).toBeLessThanOrEqual(0);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Discard the changes to Teacher' }).click();

    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Your account' }).click();
    await page.getByRole('list', { name: 'Signed-in devices' }).getByText('This device').waitFor();
    expect((await captureBothWidths(page, 'account')).phoneOverflow).toBeLessThanOrEqual(0);

    await page.getByRole('tab', { name: 'Password and two-step verification' }).click();
    await page
      .getByLabel(/^New password/)
      .first()
      .fill('correct horse battery staple');
    await page.getByText(/^Password strength: /).waitFor();
    expect((await captureBothWidths(page, 'account-security')).phoneOverflow).toBeLessThanOrEqual(0);

    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  }, 120_000);

  it('keeps the account pages behind sign-in after the admin signs out', async () => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Shala' }).waitFor();
    await page.goto(`${baseURL()}/account/security`);
    await page.getByRole('heading', { name: 'Sign in to Shala' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account/security');
  });
});
