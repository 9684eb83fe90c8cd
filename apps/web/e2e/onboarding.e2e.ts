import { join } from 'node:path';
import { DEMO_TOTP_SECRET } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { baseURL } from './support/context';
import { captureBothWidths, DESKTOP } from './support/layout';
import { resultsDir } from './support/paths';
import { signInWithTotp, withoutSpentCodeRefusals } from './support/sign-in';

const browser = useBrowser();

/** Letters only, so each run's parent is its own. */
const tag = Date.now()
  .toString(36)
  .replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)] ?? 'x');
const parentEmail = `parent.${tag}@riverside.test`;
const PASSWORD = 'a first family passphrase';

describe('parent onboarding (issue 14)', () => {
  it('takes a parent from the invitation the admin creates on the student screen to their first sign-in', async () => {
    const admin = await browser.open({
      viewport: DESKTOP,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const signIn = await signInWithTotp(admin.page, {
      institution: 'riverside',
      email: 'admin@riverside.test',
      secret: DEMO_TOTP_SECRET,
    });
    const page = admin.page;

    // The third student: the first two are the demo parent's children, whose guardian has an account.
    await page.goto(`${baseURL()}/students`);
    await page.getByRole('textbox', { name: 'Admission number' }).fill('RI-0003');
    const row = page.getByTestId('student-row').first();
    await row.waitFor();
    await row.getByRole('link').first().click();
    const guardian = page.getByTestId('guardian').first();
    await guardian.waitFor();
    const guardianName = (await guardian.locator('p').first().textContent()) ?? '';
    await guardian.getByRole('button', { name: /^Create parent account for / }).click();

    const dialog = page.getByRole('dialog', { name: 'Create a parent account' });
    await dialog.waitFor();
    expect(await dialog.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe(guardianName.trim());
    await dialog.getByRole('textbox', { name: /^Email to sign in with/ }).fill(parentEmail);
    // The demo server has no mail server nor SMS/WhatsApp provider: email stays offered, the others not.
    await dialog.getByRole('radio', { name: 'Email' }).check();
    expect(await dialog.getByRole('radio', { name: 'WhatsApp (not set up)' }).isDisabled()).toBe(true);
    expect((await captureBothWidths(page, 'onboarding-create')).phoneOverflow).toBeLessThanOrEqual(0);
    await dialog.getByRole('button', { name: 'Create and invite' }).click();

    // Not deliverable: the screen says so and offers the one-time link, once, with a copy button.
    await dialog.getByTestId('invitation-delivery').getByText('Cannot be delivered').waitFor();
    await dialog.getByText('Give this link yourself').waitFor();
    const link = await dialog.getByRole('textbox', { name: 'One-time link' }).inputValue();
    expect(link).toMatch(/\/accept-invitation\?token=/);
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect((await captureBothWidths(page, 'onboarding-link')).phoneOverflow).toBeLessThanOrEqual(0);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await guardian.getByText('Has a parent account').waitFor();

    // The users screen lists the pending invitation with its delivery status.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Users' })
      .click();
    const invitation = page.getByTestId('invitation-row').filter({ hasText: parentEmail });
    await invitation.getByText('Cannot be delivered').waitFor();
    expect((await captureBothWidths(page, 'onboarding-invitations')).phoneOverflow).toBeLessThanOrEqual(0);
    expect(withoutSpentCodeRefusals(admin.problems.list(), signIn)).toEqual([]);

    // The parent opens the link on their phone, sets a password, signs in and lands on the dashboard.
    const parent = await browser.open({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await parent.page.goto(link);
    await parent.page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await parent.page
      .getByLabel(/^Password/)
      .first()
      .fill(PASSWORD);
    await parent.page.getByLabel(/^Confirm the password/).fill(PASSWORD);
    await parent.page.getByRole('button', { name: 'Set password and continue' }).click();
    await parent.page.getByText('Your password is set. Sign in to continue.').waitFor();
    const institution = parent.page.getByRole('textbox', { name: /^Institution/ });
    if (!(await institution.inputValue())) await institution.fill('riverside');
    const email = parent.page.getByRole('textbox', { name: /^Email/ });
    if (!(await email.inputValue())) await email.fill(parentEmail);
    await parent.page.getByLabel(/^Password/).fill(PASSWORD);
    await parent.page.getByRole('button', { name: 'Sign in' }).click();
    // A new parent first reads and accepts the school's privacy notice (DPDP), then reaches the app.
    await parent.page.getByRole('button', { name: 'I have read and accept' }).click();
    // Signed in: the shell's account menu shows, on the dashboard (the start page).
    await parent.page.getByRole('button', { name: 'Account menu' }).waitFor();
    expect(new URL(parent.page.url()).pathname).toBe('/');
    await parent.page.screenshot({
      path: join(resultsDir, 'onboarding-parent-dashboard-390.png'),
      fullPage: true,
    });
    expect(parent.problems.list()).toEqual([]);
  }, 120_000);
});
