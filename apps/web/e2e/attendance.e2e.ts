import { join } from 'node:path';
import { DEMO_PASSWORD } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { baseURL } from './support/context';
import { horizontalOverflow, PHONE } from './support/layout';
import { resultsDir } from './support/paths';

const browser = useBrowser();

describe('attendance marking on a phone', () => {
  it('lets the class teacher mark Class 5 A for today on a 390 px phone, and the marks persist', async () => {
    const { page, problems } = await browser.open({ viewport: { width: 390, height: 844 }, hasTouch: true });

    await page.goto(`${baseURL()}/attendance`);
    await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
    await page.getByRole('textbox', { name: /^Email/ }).fill('teacher@greenwood.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Attendance' }).waitFor();
    const register = page.getByRole('list', { name: 'Register of Class 5 A' });
    await register.waitFor();
    const rows = register.getByTestId('mark-row');
    expect(await rows.count()).toBe(25);
    // A fresh register: everyone starts present (nobody in the demo is on leave today).
    expect(await register.locator('[data-status="present"]').count()).toBe(25);

    const first = rows.nth(0);
    const second = rows.nth(1);
    const firstName = (await first.getAttribute('aria-label'))?.split(',')[0] ?? '';
    const secondName = (await second.getAttribute('aria-label'))?.split(',')[0] ?? '';
    await first.tap();
    await second.tap();
    expect(await first.getAttribute('data-status')).toBe('absent');
    expect(await second.getAttribute('data-status')).toBe('absent');
    await page.getByTestId('live-summary').getByText('23 present · 2 absent').waitFor();

    await page.getByRole('button', { name: 'Save attendance' }).tap();
    const saved = page.getByTestId('saved-summary');
    await saved.waitFor();
    expect(await saved.textContent()).toContain(
      'Saved: 23 present, 2 absent, 0 late, 0 excused, 0 half day.',
    );
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, 'attendance-marking-390.png'), fullPage: true });
    await page.screenshot({ path: join(resultsDir, 'attendance-marking-390-fold.png') });

    await page.reload();
    await register.waitFor();
    await page.getByText('This day was already marked; saving again updates the marks.').waitFor();
    expect(
      await page
        .getByRole('button', { name: `${firstName}, roll` })
        .first()
        .getAttribute('data-status'),
    ).toBe('absent');
    expect(await rows.nth(0).getAttribute('data-status')).toBe('absent');
    expect(await rows.nth(1).getAttribute('aria-label')).toContain(`${secondName}, roll`);
    expect(await rows.nth(1).getAttribute('data-status')).toBe('absent');
    expect(await register.locator('[data-status="present"]').count()).toBe(23);
    await page.getByTestId('live-summary').getByText('23 present · 2 absent').waitFor();

    // Both back to present and saved: the other attendance files meet a fresh register, in any order.
    for (const row of [first, second]) {
      await row.focus();
      await page.keyboard.press('p');
    }
    await page.getByRole('button', { name: 'Save attendance' }).tap();
    await page
      .getByTestId('saved-summary')
      .getByText(/Saved: 25 present, 0 absent/)
      .waitFor();
    expect(problems.list()).toEqual([]);
  });

  it("shows a parent their child's month and lets them ask for leave and cancel it, on a phone", async () => {
    const { page, problems } = await browser.open({ viewport: PHONE });

    await page.goto(`${baseURL()}/attendance`);
    await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
    await page.getByRole('textbox', { name: /^Email/ }).fill('parent@greenwood.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Attendance' }).waitFor();
    await page
      .getByTestId('calendar-percent')
      .getByText(/% attendance \([\d.]+ of \d+ days present\)|No attendance has been marked/)
      .waitFor();
    expect(await page.getByRole('gridcell').count()).toBeGreaterThanOrEqual(28);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, 'attendance-calendar-360.png'), fullPage: true });

    await page.getByRole('tab', { name: 'Leave' }).click();
    await page.getByRole('textbox', { name: /^Child/ }).click();
    await page.getByRole('option').first().click();
    const year = new Date().getUTCFullYear() + 1;
    await page.getByLabel(/^From/).fill(`${year}-01-12`);
    await page.getByLabel(/^To\b/).fill(`${year}-01-13`);
    await page.getByRole('textbox', { name: /^Reason/ }).fill('Family wedding');
    await page.getByRole('button', { name: 'Send request' }).click();
    const request = page.getByTestId('leave-request').filter({ hasText: 'Family wedding' }).first();
    await request.getByText('Pending').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, 'attendance-leave-360.png'), fullPage: true });

    await request.getByRole('button', { name: 'Cancel request' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel request' }).click();
    await request.getByText('Cancelled').waitFor();
    expect(problems.list()).toEqual([]);
  });
});
