import { DEMO_PASSWORD } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseURL } from './support/context';
import { captureBothWidths, DESKTOP } from './support/layout';
import { useBrowser } from './support/use-browser';

// A demo account no other browser test signs in with: its saved language does not leak into them.
const STUDENT = { institution: 'riverside', email: 'student@riverside.test' };

const browser = useBrowser();

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

async function hindiShell(page: Page) {
  await page.getByRole('navigation', { name: 'मुख्य नेविगेशन' }).getByRole('link', { name: 'डैशबोर्ड' }).waitFor();
  await page.getByRole('button', { name: 'खाता मेन्यू' }).waitFor();
}

describe('Shala in Hindi', () => {
  it('signs in in Hindi chosen on the sign-in page, and the shell stays Hindi across reloads', async () => {
    const { page, problems } = await browser.open({ viewport: DESKTOP });
    await page.goto(`${baseURL()}/login`);
    await page.getByRole('heading', { name: 'Sign in to Shala' }).waitFor();
    expect(await htmlLang(page)).toBe('en');

    await page.getByRole('radiogroup', { name: 'Language' }).getByText('हिन्दी', { exact: true }).click();
    await page.getByRole('heading', { name: 'Shala में साइन इन करें' }).waitFor();
    expect(await htmlLang(page)).toBe('hi');
    expect((await captureBothWidths(page, 'login-hindi')).phoneOverflow).toBeLessThanOrEqual(0);

    await page.getByRole('textbox', { name: /^संस्थान/ }).fill(STUDENT.institution);
    await page.getByRole('textbox', { name: /^ईमेल/ }).fill(STUDENT.email);
    await page.getByLabel(/^पासवर्ड/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'साइन इन करें' }).click();
    await hindiShell(page);
    expect(await htmlLang(page)).toBe('hi');
    expect((await captureBothWidths(page, 'shell-hindi')).phoneOverflow).toBeLessThanOrEqual(0);

    await page.reload();
    await hindiShell(page);

    // The language is the user's, not only this browser's: without the browser's memory it comes back.
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await hindiShell(page);
    expect(await htmlLang(page)).toBe('hi');

    // And back to English from the account menu.
    await page.getByRole('button', { name: 'खाता मेन्यू' }).click();
    await page.getByRole('menu').getByRole('radiogroup', { name: 'भाषा' }).waitFor();
    expect((await captureBothWidths(page, 'account-menu-hindi')).phoneOverflow).toBeLessThanOrEqual(0);
    await page.getByRole('menu').getByText('English', { exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Dashboard' })
      .waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(problems.list()).toEqual([]);
  });
});
