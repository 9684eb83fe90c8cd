import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { timetableTextHi } from '../src/features/timetable/i18n.hi';
import { baseURL } from './support/context';
import { horizontalOverflow } from './support/layout';
import { resultsDir } from './support/paths';
import { apiSignIn, signInWithTotp, withoutSpentCodeRefusals } from './support/sign-in';
import { useBrowser } from './support/use-browser';

const browser = useBrowser();
const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const ADMIN = { institution: 'greenwood', email: 'admin@greenwood.test', secret: DEMO_TOTP_SECRET };

/**
 * What the grid cuts off: each select whose chosen lesson is wider than the select, and each text in a
 * cell wider than its box (with the text itself as the witness). Empty when everything reads in full.
 */
function clippedInGrid(page: Page): Promise<string[]> {
  return page.getByTestId('timetable-grid').evaluate((grid) => {
    const clipped: string[] = [];
    const ctx = document.createElement('canvas').getContext('2d')!;
    for (const select of grid.querySelectorAll('select')) {
      const style = getComputedStyle(select);
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]?.text ?? '';
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (ctx.measureText(text).width > room) clipped.push(`select: ${text}`);
    }
    for (const el of grid.querySelectorAll('td p, td div, td th, th p')) {
      const box = el as HTMLElement;
      if (box.children.length === 0 && box.scrollWidth > box.clientWidth + 1)
        clipped.push(`text: ${box.textContent}`);
    }
    return clipped;
  });
}

async function signInAsTeacher(page: Page) {
  await page.goto(`${baseURL()}/`);
  await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
  await page.getByRole('textbox', { name: /^Email/ }).fill('teacher@greenwood.test');
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The signed-in user's language, from the account menu (it is saved for the user). */
async function chooseLanguage(page: Page, language: 'English' | 'हिन्दी') {
  await page.getByRole('button', { name: language === 'हिन्दी' ? 'Account menu' : 'खाता मेन्यू' }).click();
  await page.getByRole('menu').getByText(language, { exact: true }).click();
  await page.locator(`html[lang="${language === 'हिन्दी' ? 'hi' : 'en'}"]`).waitFor();
}

describe('the timetable editor at 1366 px', () => {
  it('an admin edits a section with the keyboard, sees a clash on the cell, and the grid keeps the last good lesson', async () => {
    const { page, problems } = await browser.open({ viewport: WIDE });
    const signIn = await signInWithTotp(page, {
      institution: 'greenwood',
      email: 'admin@greenwood.test',
      secret: DEMO_TOTP_SECRET,
    });
    await page.goto(`${baseURL()}/timetable`);
    await page.getByRole('heading', { name: 'Timetable', level: 1 }).waitFor();
    const section = page.getByRole('textbox', { name: 'Section' });
    await section.click();
    await page.getByRole('option', { name: 'Class 5 A' }).click();
    const grid = page.getByTestId('timetable-grid');
    await grid.waitFor();
    // The demo's Class 5 A on Monday, period 1: Science (the subjects rotate by section and period).
    const monday = await grid.getByRole('row').nth(1).getByRole('cell').nth(0).textContent();
    expect(monday).toContain('Science');

    await page.getByRole('button', { name: 'Edit' }).click();
    const cell = page.getByRole('combobox', { name: 'Monday, period 1' });
    await cell.waitFor();
    // Keyboard: focus the cell's select and choose the Social Studies lesson, whose teacher is in
    // Class 5 B in that period: refused, and the reason shows on the cell.
    await cell.focus();
    await cell.selectOption({ label: 'Social Studies' });
    const error = page.getByText(/already teaches Class 5 B on Monday, period 1/);
    await error.waitFor();
    await page.screenshot({ path: join(resultsDir, 'timetable-clash-1366.png'), fullPage: true });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // A lesson that fits: Mathematics with the class teacher, free in that period; saved.
    await cell.selectOption({ label: 'Mathematics' });
    await page.getByText(/already teaches/).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Done' }).click();
    await expect
      .poll(async () => grid.getByRole('row').nth(1).getByRole('cell').nth(0).textContent())
      .toContain('Mathematics');
    // Back to Science, as the demo had it.
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('combobox', { name: 'Monday, period 1' }).selectOption({ label: 'Science' });
    await page.getByRole('button', { name: 'Done' }).click();
    await expect
      .poll(async () => grid.getByRole('row').nth(1).getByRole('cell').nth(0).textContent())
      .toContain('Science');
    const unexpected = withoutSpentCodeRefusals(problems.list(), signIn).filter(
      (p) => !/422.*\/api\/v1\/timetable\/sections/.test(p),
    );
    expect(unexpected).toEqual([]);
  });

  it('an admin confirms a substitute for an absent teacher, and the substitute sees the period in their day', async () => {
    const admin = await browser.open({ viewport: WIDE });
    const signIn = await signInWithTotp(admin.page, {
      institution: 'greenwood',
      email: 'admin@greenwood.test',
      secret: DEMO_TOTP_SECRET,
    });
    await admin.page.goto(`${baseURL()}/timetable?tab=substitutions`);
    await admin.page.getByRole('textbox', { name: 'Absent teacher' }).click();
    await admin.page.getByRole('option', { name: 'Science Teacher' }).click();
    // The class teacher teaches one period a day, so is proposed first wherever free.
    const rows = admin.page.getByRole('region', { name: /^Period \d+: Science, / });
    await rows.first().waitFor();
    let row = rows.first();
    for (let i = 0; i < (await rows.count()); i++) {
      const value = await rows.nth(i).getByRole('textbox', { name: 'Substitute' }).inputValue();
      if (value.startsWith('Class Teacher')) {
        row = rows.nth(i);
        break;
      }
    }
    const name = (await row.getAttribute('aria-label'))!;
    const section = name.replace(/^Period \d+: Science, /, '');
    await row.getByRole('button', { name: 'Confirm' }).click();
    await row.getByText('Covered by Class Teacher').waitFor();
    await admin.page.screenshot({
      path: join(resultsDir, 'timetable-substitution-1366.png'),
      fullPage: true,
    });
    expect(await horizontalOverflow(admin.page)).toBeLessThanOrEqual(0);

    const { page } = await browser.open({ viewport: WIDE });
    await page.goto(`${baseURL()}/`);
    await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
    await page.getByRole('textbox', { name: /^Email/ }).fill('teacher@greenwood.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const card = page.getByTestId('card-my-day');
    await card.waitFor();
    const covering = card.getByRole('listitem').filter({ hasText: 'Covering' });
    await covering.waitFor();
    expect(await covering.textContent()).toContain(`Science, ${section}`);

    // Cancelled again, as the demo had it.
    await row.getByRole('button', { name: 'Cancel substitution' }).click();
    await row.getByRole('button', { name: 'Confirm' }).waitFor();
    expect(withoutSpentCodeRefusals(admin.problems.list(), signIn)).toEqual([]);
  });

  it("the teacher's dashboard lists today's periods (the demo takes daily attendance: no period links)", async () => {
    const { page } = await browser.open({ viewport: WIDE });
    await page.goto(`${baseURL()}/`);
    await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
    await page.getByRole('textbox', { name: /^Email/ }).fill('teacher@greenwood.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const card = page.getByTestId('card-my-day');
    await card.waitFor();
    await page.screenshot({ path: join(resultsDir, 'timetable-teacher-day-1366.png'), fullPage: true });
    // The e2e demo opens every day, and the class teacher teaches Mathematics in Class 5 A every day.
    expect(await card.textContent()).toContain('Mathematics, Class 5 A');
    expect(await card.getByRole('listitem').count()).toBeGreaterThan(0);
  });
});

describe('the week read in full', () => {
  it('shows each lesson’s subject, teacher and room on lines of their own, nothing cut off, at 390 and 1366 px in English and Hindi', async () => {
    const { page, problems } = await browser.open({ viewport: WIDE });
    const signIn = await signInWithTotp(page, ADMIN);
    const hi = timetableTextHi;
    try {
      for (const language of ['en', 'hi'] as const) {
        if (language === 'hi') await chooseLanguage(page, 'हिन्दी');
        const text = (en: string, hindi: string) => (language === 'hi' ? hindi : en);
        for (const viewport of [WIDE, PHONE]) {
          await page.setViewportSize(viewport);
          const shot = (what: string) =>
            page.screenshot({
              path: join(resultsDir, `timetable-${what}-${language}-${viewport.width}.png`),
              fullPage: true,
            });
          await page.goto(`${baseURL()}/timetable`);
          await page.getByRole('textbox', { name: text('Section', hi.section) }).click();
          await page.getByRole('option', { name: 'Class 5 A' }).click();
          const grid = page.getByTestId('timetable-grid');
          await grid.getByText('Science Teacher').first().waitFor();
          expect(await clippedInGrid(page)).toEqual([]);
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
          await shot('section');

          // The editor: the select shows the subject; the teacher is its description, on a line under it.
          await page.getByRole('button', { name: text('Edit', hi.edit) }).click();
          const monday = page.getByRole('combobox', {
            name: text('Monday, period 1', `${hi.days.mon}, पीरियड 1`),
          });
          await monday.waitFor();
          expect(await monday.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)).toBe('Science');
          const describedBy = (await monday.getAttribute('aria-describedby')) ?? '';
          expect(
            await page.evaluate(
              (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
              describedBy.split(' ').filter(Boolean),
            ),
          ).toContain('Science Teacher');
          expect(await clippedInGrid(page)).toEqual([]);
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
          await shot('editor');
          await page.getByRole('button', { name: text('Done', hi.done) }).click();

          // A teacher's week: the subject and the section on lines of their own.
          await page.getByRole('tab', { name: text('Teachers', hi.tabs.teachers) }).click();
          await page.getByRole('textbox', { name: text('Teacher', hi.teacher) }).click();
          await page.getByRole('option', { name: 'Social Studies Teacher' }).click();
          await page.getByTestId('timetable-grid').getByText('Class 5 A').first().waitFor();
          expect(await clippedInGrid(page)).toEqual([]);
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
          await shot('teacher');
        }
      }
    } finally {
      // The language is saved for the admin: back to English for the other browser tests.
      if ((await page.evaluate(() => document.documentElement.lang)) === 'hi')
        await chooseLanguage(page, 'English');
    }
    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  }, 240_000);
});

describe('period-wise attendance from the teacher’s day', () => {
  /** The demo bell schedule's period starts (periods 1..6). */
  const STARTS = ['08:00', '08:40', '09:20', '10:20', '11:00', '12:10'];

  it('a "my day" row’s Register link opens the register on that period and subject', async () => {
    // The demo takes daily attendance: the school switches to period-wise through the API first, and back
    // afterwards (every browser test file shares one server and database).
    const token = await apiSignIn(ADMIN);
    const settings = (method: 'GET' | 'PUT', body?: object) =>
      fetch(`${baseURL()}/api/v1/attendance/settings`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    const before = (await (await settings('GET')).json()) as { mode: string; periodsPerDay: number };
    expect(before.mode).toBe('daily');
    expect((await settings('PUT', { mode: 'period', periodsPerDay: 6 })).status).toBe(200);
    try {
      const { page, problems } = await browser.open({ viewport: WIDE });
      await signInAsTeacher(page);
      // The e2e demo opens every day (`seed --demo --open-every-day`), so today is a working day whatever
      // the weekday, and the class teacher teaches Mathematics in Class 5 A every day.
      const row = page
        .getByTestId('card-my-day')
        .getByRole('listitem')
        .filter({ hasText: 'Mathematics, Class 5 A' });
      await row.waitFor();
      const start = /^(\d\d:\d\d) /.exec((await row.textContent()) ?? '')?.[1];
      const period = STARTS.indexOf(start ?? '') + 1;
      expect(period, `the row starts at ${start}`).toBeGreaterThan(0);
      await page.screenshot({
        path: join(resultsDir, 'timetable-my-day-period-wise-1366.png'),
        fullPage: true,
      });

      await row.getByRole('link', { name: 'Register' }).click();
      await page.getByRole('heading', { name: 'Attendance', level: 1 }).waitFor();
      const register = page.getByRole('list', { name: 'Register of Class 5 A' });
      await register.waitFor();
      expect(await page.getByRole('textbox', { name: 'Period' }).inputValue()).toBe(String(period));
      expect(await page.getByRole('textbox', { name: /^Subject/ }).inputValue()).toBe('Mathematics');
      await page.screenshot({
        path: join(resultsDir, 'timetable-register-from-my-day-1366.png'),
        fullPage: true,
      });
      expect(problems.list()).toEqual([]);
    } finally {
      expect((await settings('PUT', { mode: before.mode, periodsPerDay: before.periodsPerDay })).status).toBe(
        200,
      );
    }
  });
});
