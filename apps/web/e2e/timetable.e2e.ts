import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { baseURL } from './support/context';
import { horizontalOverflow } from './support/layout';
import { resultsDir } from './support/paths';
import { signInWithTotp, withoutSpentCodeRefusals } from './support/sign-in';
import { useBrowser } from './support/use-browser';

const browser = useBrowser();
const WIDE = { width: 1366, height: 900 };

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
    await cell.selectOption({ label: 'Social Studies — Social Studies Teacher' });
    const error = page.getByText(/already teaches Class 5 B on Monday, period 1/);
    await error.waitFor();
    await page.screenshot({ path: join(resultsDir, 'timetable-clash-1366.png'), fullPage: true });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // A lesson that fits: Mathematics with the class teacher, free in that period; saved.
    const maths = (await cell.locator('option', { hasText: 'Mathematics — ' }).textContent())!;
    await cell.selectOption({ label: maths });
    await page.getByText(/already teaches/).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Done' }).click();
    await expect
      .poll(async () => grid.getByRole('row').nth(1).getByRole('cell').nth(0).textContent())
      .toContain('Mathematics');
    // Back to Science, as the demo had it.
    await page.getByRole('button', { name: 'Edit' }).click();
    await page
      .getByRole('combobox', { name: 'Monday, period 1' })
      .selectOption({ label: 'Science — Science Teacher' });
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
