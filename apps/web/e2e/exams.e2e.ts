import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { StudentResultsView, StudentSummary } from '@shala/contracts';
import { useBrowser } from './support/use-browser';
import { baseURL } from './support/context';
import { horizontalOverflow } from './support/layout';
import { resultsDir } from './support/paths';
import { apiCall, apiSignIn, signInWithTotp, withoutSpentCodeRefusals } from './support/sign-in';

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1366, height: 900 };

/** The page at 1366 px and at 390 px (full page), checking the phone never scrolls sideways. */
async function shoot(page: Page, name: string): Promise<number> {
  const size = page.viewportSize();
  await page.setViewportSize(WIDE);
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(resultsDir, `${name}-1366.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(250);
  const overflow = await horizontalOverflow(page);
  await page.screenshot({ path: join(resultsDir, `${name}-390.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
  return overflow;
}

async function signInWithPassword(page: Page, email: string) {
  await page.goto(`${baseURL()}/exams`);
  await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
  await page.getByRole('textbox', { name: /^Email/ }).fill(email);
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Exams', level: 1 }).waitFor();
}

async function choose(page: Page, label: string | RegExp, option: string) {
  await page.getByRole('textbox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('exams', () => {
  it('a teacher enters Periodic Test 2 marks on a phone with the keyboard and saves them', async () => {
    const { page, problems } = await browser.open({ viewport: PHONE });
    await signInWithPassword(page, 'teacher@greenwood.test');
    expect(await page.getByRole('tab', { name: 'Marks entry', selected: true }).count()).toBe(1);
    await choose(page, 'Assessment', 'Term 2 · Periodic Test 2');
    const grid = page.getByTestId('marks-grid');
    await grid.waitFor();
    const cells = grid.getByRole('textbox');
    const count = await cells.count();
    expect(count).toBeGreaterThan(5);

    // A mark above the maximum (20) is marked at the cell before anything is sent.
    await cells.first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('25');
    await grid.getByText('At most 20').waitFor();
    expect(await cells.first().getAttribute('aria-invalid')).toBe('true');

    // Then every student, typing and pressing Enter: the focus walks down the column.
    const typed: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const value = i === 0 ? 'AB' : i === 1 ? 'ex' : String(((i * 7) % 40) / 2);
      typed.push(value.toUpperCase());
      await page.keyboard.press('Control+A');
      await page.keyboard.type(value);
      expect(await cells.nth(i).evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press(i === count - 1 ? 'Tab' : 'Enter');
    }
    // Tab from the last cell leaves the grid for the save bar.
    const save = page.getByRole('button', { name: 'Save' });
    expect(await save.evaluate((el) => el === document.activeElement)).toBe(true);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && /\/marks$/.test(r.url())),
      page.keyboard.press('Enter'),
    ]);
    expect(answer.status()).toBe(200);
    await page.getByText(/^Saved \(\d+ cells changed\)\.$/).waitFor();
    expect(await shoot(page, 'exams-marks')).toBeLessThanOrEqual(0);

    // What was saved is what the server now answers.
    await page.reload();
    await choose(page, 'Assessment', 'Term 2 · Periodic Test 2');
    await grid.waitFor();
    const values = await grid
      .getByRole('textbox')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(values).toEqual(typed.map((v) => (v.includes('.') ? String(Number(v)) : v)));
    expect(problems.list()).toEqual([]);
  });

  it('an admin follows progress, reads results, generates report cards and publishes', async () => {
    const { page, problems } = await browser.open({ viewport: WIDE, acceptDownloads: true });
    const signIn = await signInWithTotp(page, {
      institution: 'greenwood',
      email: 'admin@greenwood.test',
      secret: DEMO_TOTP_SECRET,
    });
    await page.goto(`${baseURL()}/exams`);
    await page.getByRole('tab', { name: 'Progress', selected: true }).waitFor();
    await choose(page, 'Assessment', 'Term 2 · Periodic Test 2');
    await page.getByTestId('progress-summary').waitFor();
    expect(await shoot(page, 'exams-progress')).toBeLessThanOrEqual(0);

    await page.getByRole('tab', { name: 'Results' }).click();
    await choose(page, 'Term', 'Term 1');
    await choose(page, 'Section', 'Class 5 A');
    await page.getByTestId('result-row').first().waitFor();
    expect(await shoot(page, 'exams-results')).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Generate report cards' }).click();
    const zipButton = page.getByRole('button', { name: 'Download report cards (ZIP)' });
    await zipButton.waitFor({ timeout: 60_000 });
    await page.getByText(/^(\d+) of \1 report cards$/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), zipButton.click()]);
    expect(
      readFileSync(await download.path())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');

    await page.getByRole('tab', { name: 'Structure' }).click();
    await page.getByTestId('structure-term').first().waitFor();
    expect(await shoot(page, 'exams-structure')).toBeLessThanOrEqual(0);

    await page.getByRole('tab', { name: 'Publish' }).click();
    await choose(page, 'Term', 'Term 1');
    const row = page.getByTestId('publication-row').filter({ hasText: 'Class 5' });
    await row.getByText('Published', { exact: true }).waitFor();
    expect(await shoot(page, 'exams-publish')).toBeLessThanOrEqual(0);
    // Withdraw, then publish again: each asks first, and the state follows the API's answer.
    await row.getByRole('button', { name: 'Unpublish', exact: true }).click();
    const withdraw = page.getByRole('dialog', { name: 'Withdraw Term 1 results of Class 5?' });
    const [unpublished] = await Promise.all([
      page.waitForResponse((r) => /\/unpublish$/.test(r.url())),
      withdraw.getByRole('button', { name: 'Unpublish', exact: true }).click(),
    ]);
    expect(unpublished.status()).toBe(200);
    await page.getByText('Withdrawn for Class 5.').waitFor();
    await row.getByText('Not published', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish Term 1 results of Class 5?' });
    const [published] = await Promise.all([
      page.waitForResponse((r) => /\/publish$/.test(r.url())),
      dialog.getByRole('button', { name: 'Publish', exact: true }).click(),
    ]);
    expect(published.status()).toBe(200);
    await page.getByText(/^Published for Class 5 \(\d+ messages to guardians\)\.$/).waitFor();
    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  });

  it("a parent reads a child's published results and downloads the report card", async () => {
    const { page, problems } = await browser.open({ viewport: PHONE, acceptDownloads: true });
    await signInWithPassword(page, 'parent@greenwood.test');
    const term = page.getByTestId('term-result').first();
    await term.waitFor();

    // Every figure on the card is the API's.
    const token = await apiSignIn({ institution: 'greenwood', email: 'parent@greenwood.test', secret: '' });
    const kids = await apiCall<{ items: StudentSummary[] }>(token, 'GET', '/api/v1/students');
    const first = kids.items[0];
    if (!first) throw new Error('the demo parent has no children');
    const results = await apiCall<StudentResultsView>(
      token,
      'GET',
      `/api/v1/exams/students/${first.id}/results`,
    );
    const shown = results.items.filter((t) => t.published);
    expect(await page.getByTestId('term-result').count()).toBe(shown.length);
    const t1 = shown[0];
    if (!t1) throw new Error('no published term');
    const overall = (await term.getByTestId('term-overall').textContent()) ?? '';
    expect(overall.startsWith(`${t1.percentage}% · Grade ${t1.grade}`)).toBe(true);
    for (const subject of t1.subjects) {
      const line = term.getByRole('row').filter({ hasText: subject.subject });
      expect(await line.textContent()).toContain(`${subject.marks} / ${subject.maxMarks}`);
    }
    expect(await shoot(page, 'exams-parent')).toBeLessThanOrEqual(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      term.getByRole('button', { name: 'Report card (PDF)' }).click(),
    ]);
    expect(
      readFileSync(await download.path())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('%PDF');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(problems.list()).toEqual([]);
  });
});
