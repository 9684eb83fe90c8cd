import { join } from 'node:path';
import { DEMO_PASSWORD } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { baseURL } from './support/context';
import { horizontalOverflow } from './support/layout';
import { resultsDir } from './support/paths';

const PHONE_390 = { viewport: { width: 390, height: 844 }, hasTouch: true };

const browser = useBrowser();

/** The demo school's date `days` from today (Asia/Kolkata), and as the screens write it. */
function schoolDate(days: number): { iso: string; shown: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return {
    iso: d.toISOString().slice(0, 10),
    shown: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(d),
  };
}

async function signInOnPhone(email: string): Promise<{ page: Page; problems: () => string[] }> {
  const { page, problems: watched } = await browser.open(PHONE_390, 'file');
  await page.goto(`${baseURL()}/attendance`);
  await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
  await page.getByRole('textbox', { name: /^Email/ }).fill(email);
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Attendance' }).waitFor();
  return { page, problems: () => watched.list() };
}

describe('leave on a phone', () => {
  it('a parent asks for leave, the class teacher approves it, and the register and calendar show it', async () => {
    // A past day inside the leave window (30 days) that the demo has not marked: its history runs Monday to
    // Saturday and the browser tests' demo opens Sundays afterwards (`--open-every-day`), so a Sunday one or
    // two weeks back is a working day with no register. Today's registers of other tests stay untouched.
    const sundayBack = [-8, -9, -10, -11, -12, -13, -14].find(
      (n) => new Date(`${schoolDate(n).iso}T00:00:00Z`).getUTCDay() === 0,
    )!;
    const day = schoolDate(sundayBack);
    const reason = `Fever, e2e ${Date.now()}`;

    // The parent, on a 390 px phone, asks for leave for the child in Class 5 A.
    const parent = await signInOnPhone('parent@greenwood.test');
    await parent.page.getByRole('tab', { name: 'Leave' }).tap();
    await parent.page.getByRole('textbox', { name: /^Child/ }).click();
    const option = parent.page.getByRole('option', { name: /· Class 5 A$/ });
    const childName = ((await option.textContent()) ?? '').split(' · ')[0]!.trim();
    expect(childName).not.toBe('');
    await option.click();
    await parent.page.getByLabel(/^From/).fill(day.iso);
    await parent.page.getByLabel(/^To\b/).fill(day.iso);
    await parent.page.getByRole('textbox', { name: /^Reason/ }).fill(reason);
    await parent.page.getByRole('button', { name: 'Send request' }).tap();
    const asked = parent.page.getByTestId('leave-request').filter({ hasText: reason });
    await asked.getByText('Pending').waitFor();
    expect(await horizontalOverflow(parent.page)).toBeLessThanOrEqual(0);

    // The class teacher approves it from their phone.
    const teacher = await signInOnPhone('teacher@greenwood.test');
    await teacher.page.getByRole('tab', { name: 'Leave approvals' }).tap();
    const pending = teacher.page.getByTestId('leave-request').filter({ hasText: reason });
    await pending.getByText(childName).waitFor();
    await pending.getByText(`${day.shown} to ${day.shown}`).waitFor();
    await pending.getByRole('textbox', { name: 'Note (optional)' }).fill('Get well soon');
    expect(await horizontalOverflow(teacher.page)).toBeLessThanOrEqual(0);
    await teacher.page.screenshot({ path: join(resultsDir, 'attendance-approvals-390.png'), fullPage: true });
    await pending.getByRole('button', { name: 'Approve' }).tap();
    await pending.waitFor({ state: 'detached' });

    // The register of that day shows the child excused, on approved leave.
    await teacher.page.getByRole('tab', { name: 'Mark' }).tap();
    await teacher.page.getByLabel(/^Date/).fill(day.iso);
    const register = teacher.page.getByRole('list', { name: 'Register of Class 5 A' });
    await register.waitFor();
    const row = register.getByRole('button', { name: new RegExp(`^${childName}, roll`) });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('excused');
    expect(await row.getAttribute('aria-label')).toMatch(/: Excused$/);
    await row.getByText('On approved leave').waitFor();
    expect(await register.getByText('On approved leave').count()).toBe(1);
    expect(await horizontalOverflow(teacher.page)).toBeLessThanOrEqual(0);
    await teacher.page.screenshot({ path: join(resultsDir, 'attendance-leave-register-390.png') });

    // The parent sees the request approved, with the note, and the day on leave in the calendar.
    await parent.page.reload();
    await parent.page.getByRole('heading', { name: 'Attendance' }).waitFor();
    await parent.page.getByRole('tab', { name: 'Leave' }).tap();
    await asked.getByText('Approved').waitFor();
    await asked.getByText('“Get well soon”').waitFor();
    await parent.page.getByRole('tab', { name: 'Calendar' }).tap();
    await parent.page.getByRole('textbox', { name: /^Child/ }).click();
    await parent.page.getByRole('option', { name: /· Class 5 A$/ }).click();
    await parent.page.getByLabel(/^Month/).fill(day.iso.slice(0, 7));
    const cell = parent.page.getByRole('gridcell', { name: `${day.shown}: On leave` });
    await cell.waitFor();
    expect(await cell.getAttribute('data-status')).toBe('leave');
    expect(await horizontalOverflow(parent.page)).toBeLessThanOrEqual(0);
    await parent.page.screenshot({
      path: join(resultsDir, 'attendance-leave-calendar-390.png'),
      fullPage: true,
    });

    expect(parent.problems()).toEqual([]);
    expect(teacher.problems()).toEqual([]);
  });
});
