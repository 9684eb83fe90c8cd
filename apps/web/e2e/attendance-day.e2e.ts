import { join } from 'node:path';
import { DEMO_PASSWORD } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { baseURL } from './support/context';
import { horizontalOverflow } from './support/layout';
import { resultsDir } from './support/paths';

const browser = useBrowser();
const PHONE_390 = { width: 390, height: 844 };

async function signInAsTeacher(page: Page) {
  await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
  await page.getByRole('textbox', { name: /^Email/ }).fill('teacher@greenwood.test');
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Everyone back to present and saved, so the other attendance files meet the register as they expect. */
async function restoreAllPresent(page: Page) {
  const rows = page.getByRole('list', { name: 'Register of Class 5 A' }).getByTestId('mark-row');
  const count = await rows.count();
  for (let i = 0; i < count; i += 1) {
    const row = rows.nth(i);
    if ((await row.getAttribute('data-status')) !== 'present') {
      await row.focus();
      await page.keyboard.press('p');
    }
  }
  await page.getByRole('button', { name: 'Save attendance' }).click();
  await page.getByTestId('saved-summary').waitFor();
}

describe('a day of attendance on a 390 px phone', () => {
  it('lets the teacher mark with the keyboard and the status menu, the focused row always above the save bar', async () => {
    const { page, problems } = await browser.open({ viewport: PHONE_390, hasTouch: true });
    await page.goto(`${baseURL()}/attendance`);
    await signInAsTeacher(page);

    const register = page.getByRole('list', { name: 'Register of Class 5 A' });
    await register.waitFor();
    const rows = register.getByTestId('mark-row');
    const bar = page.getByRole('region', { name: 'Summary' });

    // Down the list with the arrow keys: every focused row shows in full above the sticky bar.
    await rows.nth(0).focus();
    for (let i = 1; i < 20; i += 1) {
      await page.keyboard.press('ArrowDown');
      const row = await rows.nth(i).boundingBox();
      const barBox = await bar.boundingBox();
      expect(
        row && barBox && row.y + row.height <= barBox.y + 1,
        `row ${i} is hidden under the save bar`,
      ).toBe(true);
    }
    await page.keyboard.press('a');
    await expect.poll(() => rows.nth(19).getAttribute('data-status')).toBe('absent');

    // The direct picker beside the tap-to-cycle row.
    const name = (await rows.nth(2).getAttribute('aria-label'))?.split(',')[0] ?? '';
    await page.getByRole('button', { name: `Choose the status of ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Late' }).click();
    await expect.poll(() => rows.nth(2).getAttribute('data-status')).toBe('late');

    // No future day can be opened.
    const date = page.getByLabel('Date', { exact: true });
    expect(await date.getAttribute('max')).toBe(await date.inputValue());

    await page.getByTestId('live-summary').getByText('23 present · 1 absent · 1 late').waitFor();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await expect
      .poll(() => page.getByTestId('saved-summary').textContent())
      .toContain('23 present, 1 absent, 1 late');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, 'attendance-day-keyboard-390.png') });

    await restoreAllPresent(page);
    expect(problems.list()).toEqual([]);
  });

  it('keeps unsaved marks through an expired session and saves them after signing in again', async () => {
    const { page, context } = await browser.open({ viewport: PHONE_390, hasTouch: true });
    await page.goto(`${baseURL()}/attendance`);
    await signInAsTeacher(page);
    const register = page.getByRole('list', { name: 'Register of Class 5 A' });
    await register.waitFor();
    const rows = register.getByTestId('mark-row');
    await rows.nth(4).tap();
    expect(await rows.nth(4).getAttribute('data-status')).toBe('absent');

    // The session ends while the teacher works: the API refuses the token and the refresh.
    const refuse = {
      status: 401,
      contentType: 'application/json',
      body: '{"error":{"code":"UNAUTHENTICATED","message":"Sign in"},"requestId":"e2e"}',
    };
    await context.route('**/api/v1/attendance/sections/**', (route) =>
      route.request().method() === 'PUT' ? route.fulfill(refuse) : route.continue(),
    );
    await context.route('**/api/v1/auth/refresh', (route) => route.fulfill(refuse));
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.waitForURL(/\/login\?next=%2Fattendance/);
    await context.unrouteAll();
    await context.clearCookies();

    await signInAsTeacher(page);
    await page.waitForURL(/\/attendance/);
    const banner = page.getByTestId('draft-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/You have unsaved marks from .+/);
    expect(await rows.nth(4).getAttribute('data-status')).toBe('absent');
    await page.screenshot({ path: join(resultsDir, 'attendance-day-draft-390.png') });
    await banner.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('saved-summary').textContent()).toContain('1 absent');
    expect(await banner.count()).toBe(0);
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('shala.attendance.draft:')),
      ),
    ).toEqual([]);

    await restoreAllPresent(page);
  });
});
