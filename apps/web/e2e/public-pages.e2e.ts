import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { baseURL } from './support/context';
import { captureBothWidths, DESKTOP } from './support/layout';

const browser = useBrowser();

async function openPage() {
  return browser.open({ viewport: DESKTOP });
}

/** Looks like a link token (tenant.id.secret) but was never issued. */
const UNKNOWN_TOKEN = `0190a1b2-0000-7000-8000-000000000001.0190a1b2-0000-7000-8000-00000000beef.${'x'.repeat(43)}`;

describe('signed-out pages', () => {
  it('asks for a reset link and answers the same for any account', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${baseURL()}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    expect((await captureBothWidths(page, 'forgot-password')).phoneOverflow).toBeLessThanOrEqual(0);

    await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
    await page.getByRole('textbox', { name: /^Email/ }).fill('nobody@greenwood.test');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText(/If nobody@greenwood.test has an account at greenwood/).waitFor();
    expect(problems.list()).toEqual([]);
  });

  it('shows the reset page, and the API refusal of a link it never issued', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${baseURL()}/reset-password?token=${UNKNOWN_TOKEN}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page
      .getByLabel(/^New password/)
      .first()
      .fill('correct horse battery staple');
    await page.getByLabel(/^Confirm the new password/).fill('correct horse battery staple');
    await page.getByText(/^Password strength: /).waitFor();
    expect((await captureBothWidths(page, 'reset-password')).phoneOverflow).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page
      .getByRole('alert')
      .getByText(/invalid, already used or expired/)
      .waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    expect(
      problems
        .list()
        .filter(
          (p) => !/HTTP 401: POST .*\/api\/v1\/auth\/password\/reset$/.test(p) && !/status of 401/.test(p),
        ),
    ).toEqual([]);
  });

  it('shows the invitation page', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${baseURL()}/accept-invitation?token=${UNKNOWN_TOKEN}`);
    await page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    expect((await captureBothWidths(page, 'accept-invitation')).phoneOverflow).toBeLessThanOrEqual(0);
    expect(problems.list()).toEqual([]);
  });
});
