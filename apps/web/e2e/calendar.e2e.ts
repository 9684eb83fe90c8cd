import { join } from 'node:path';
import { DEMO_PASSWORD } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseURL } from './support/context';
import { horizontalOverflow } from './support/layout';
import { resultsDir } from './support/paths';
import { useBrowser } from './support/use-browser';

const PHONE_390 = { viewport: { width: 390, height: 844 }, hasTouch: true };

const browser = useBrowser();

/** The agenda's titles for this month and the next two (the demo's term starts 9 days from today). */
async function agendaTitles(page: Page): Promise<string> {
  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    seen.push(...(await page.getByTestId('calendar-item').allTextContents()));
    await page.getByRole('button', { name: 'Next month' }).tap();
  }
  return seen.join('\n');
}

describe('the school calendar on a phone', () => {
  it("a parent reads the term's events for their children's classes on a 390 px phone, and moves by keyboard", async () => {
    const { page } = await browser.open(PHONE_390);
    await page.goto(`${baseURL()}/calendar`);
    await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
    await page.getByRole('textbox', { name: /^Email/ }).fill('parent@greenwood.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'School calendar', level: 1 }).waitFor();
    await page.screenshot({ path: join(resultsDir, 'calendar-parent-agenda-390.png'), fullPage: true });

    // Whole-school events, the demo holiday (from attendance) and the children's class's exhibition;
    // never the other class's section trip; no editing for a parent.
    const all = await agendaTitles(page);
    expect(all).toContain('Parent-teacher meeting');
    expect(all).toContain('Sports day');
    expect(all).toContain("Founders' Day");
    expect(all).toContain('Science exhibition (Class 5)');
    expect(all).not.toContain('planetarium');
    expect(await page.getByRole('button', { name: 'Add event' }).count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The month grid: one day holds the focus; the arrow keys move it.
    await page.getByRole('button', { name: 'Today' }).tap();
    await page.getByText('Month', { exact: true }).tap();
    const grid = page.getByRole('grid');
    await grid.waitFor();
    const focusable = grid.locator('button[tabindex="0"]');
    expect(await focusable.count()).toBe(1);
    const start = (await focusable.getAttribute('data-testid'))!.replace('day-', '');
    await focusable.focus();
    await page.keyboard.press('ArrowDown');
    const next = new Date(`${start}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 7);
    const week = next.toISOString().slice(0, 10);
    await page.getByTestId(`day-${week}`).and(page.locator(':focus')).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, 'calendar-parent-month-390.png'), fullPage: true });
  });
});
