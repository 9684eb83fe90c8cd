import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import type { PageProblems } from './support/console';
import { baseURL } from './support/context';
import { captureBothWidths, DESKTOP, horizontalOverflow } from './support/layout';
import { signInWithTotp, withoutSpentCodeRefusals, type SignInResult } from './support/sign-in';

const browser = useBrowser();
let page: Page;
let problems: PageProblems;
let signIn: SignInResult;

/** The demo school's date `days` from today (Asia/Kolkata). */
function schoolDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// One admin sign-in for the file: each TOTP code works once, and the admin signs in in other files too.
beforeAll(async () => {
  ({ page, problems } = await browser.open({ viewport: DESKTOP }, 'file'));
  signIn = await signInWithTotp(page, {
    institution: 'greenwood',
    email: 'admin@greenwood.test',
    secret: DEMO_TOTP_SECRET,
  });
}, 120_000);

/** The page's problems, less the 409 the first test provokes on purpose (a second holiday on one date). */
function unexpectedProblems(): string[] {
  return withoutSpentCodeRefusals(problems.list(), signIn).filter(
    (problem) => !/409.*\/api\/v1\/attendance\/holidays/.test(problem),
  );
}

async function openSettings() {
  await page.goto(`${baseURL()}/attendance`);
  await page.getByRole('heading', { name: 'Attendance', level: 1 }).waitFor();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Attendance settings' }).waitFor();
}

/** Mantine's segmented control hides its radios behind their labels: the label is what people press. */
async function chooseMode(label: 'Once a day' | 'Every period') {
  await page.locator('label', { hasText: label }).click();
  await expect.poll(() => page.getByRole('radio', { name: label }).isChecked()).toBe(true);
}

async function saveSettings() {
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Attendance settings saved.').waitFor();
}

describe('attendance settings', () => {
  it('keeps a holiday calendar: add with a name, refuse the same date twice, remove after confirming', async () => {
    await openSettings();
    const date = schoolDate(40);
    const name = `Sports Day ${Date.now() % 100_000}`;
    const form = page.getByRole('form', { name: 'Add holiday' });
    await form.getByLabel(/^Date/).fill(date);
    await form.getByRole('textbox', { name: /^Name/ }).fill(name);
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByText(`${name} added.`).waitFor();
    const holiday = page.getByTestId('holiday').filter({ hasText: name });
    await holiday.waitFor();

    // The API refuses a second holiday on that date; its answer shows on the date field.
    await form.getByLabel(/^Date/).fill(date);
    await form.getByRole('textbox', { name: /^Name/ }).fill('Same day again');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await form.getByText('already a holiday').waitFor();

    const { phoneOverflow } = await captureBothWidths(page, 'attendance-settings');
    expect(phoneOverflow).toBeLessThanOrEqual(0);

    await holiday.getByRole('button', { name: new RegExp(`^Remove ${name} on`) }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this holiday?' });
    await dialog.getByText(`${name}, becomes a school day again`).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await holiday.count()).toBe(1);
    await holiday.getByRole('button', { name: new RegExp(`^Remove ${name} on`) }).click();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Holiday removed.').waitFor();
    await holiday.waitFor({ state: 'detached' });
    expect(unexpectedProblems()).toEqual([]);
  });

  it('switches to period-wise attendance, where the teacher marks a period for the subject they teach, then back', async () => {
    await openSettings();
    expect(await page.getByRole('radio', { name: 'Once a day' }).isChecked()).toBe(true);
    await chooseMode('Every period');
    await page.getByRole('textbox', { name: 'Periods per day' }).fill('6');
    try {
      await saveSettings();
      await page.reload();
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Attendance settings' }).waitFor();
      expect(await page.getByRole('radio', { name: 'Every period' }).isChecked()).toBe(true);
      expect(await page.getByRole('textbox', { name: 'Periods per day' }).inputValue()).toBe('6');

      // The class teacher of Class 5 A teaches it Mathematics (demo data): that is the only subject offered.
      const { page: teacher, problems: teacherProblems } = await browser.open({
        viewport: { width: 390, height: 844 },
        hasTouch: true,
      });
      await teacher.goto(`${baseURL()}/attendance`);
      await teacher.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
      await teacher.getByRole('textbox', { name: /^Email/ }).fill('teacher@greenwood.test');
      await teacher.getByLabel(/^Password/).fill(DEMO_PASSWORD);
      await teacher.getByRole('button', { name: 'Sign in' }).click();
      await teacher.getByRole('textbox', { name: 'Period' }).click();
      await teacher.getByRole('option', { name: '2', exact: true }).click();
      const subject = teacher.getByRole('textbox', { name: /^Subject/ });
      await expect.poll(() => subject.inputValue()).toBe('Mathematics');
      await subject.click();
      expect(await teacher.getByRole('option').allTextContents()).toEqual(['Mathematics']);
      await teacher.keyboard.press('Escape');

      const register = teacher.getByRole('list', { name: 'Register of Class 5 A' });
      await register.waitFor();
      await register.getByTestId('mark-row').first().tap();
      const [saved] = await Promise.all([
        teacher.waitForResponse(
          (r) => r.request().method() === 'PUT' && /\/attendance\/sections\//.test(r.url()),
        ),
        teacher.getByRole('button', { name: 'Save attendance' }).tap(),
      ]);
      expect(saved.status()).toBe(200);
      const sent = saved.request().postDataJSON() as { period?: number; subjectId?: string };
      expect(sent.period).toBe(2);
      expect(sent.subjectId).toMatch(/^[0-9a-f-]{36}$/);
      await teacher.getByTestId('saved-summary').waitFor();
      expect(await horizontalOverflow(teacher)).toBeLessThanOrEqual(0);
      expect(teacherProblems.list()).toEqual([]);
    } finally {
      // Back to what the demo (and the other browser tests) expect: one register a day.
      await openSettings();
      await chooseMode('Once a day');
      await saveSettings();
    }
    expect(unexpectedProblems()).toEqual([]);
  });
});
