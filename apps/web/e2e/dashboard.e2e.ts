import { DEMO_TOTP_SECRET } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import type { PageProblems } from './support/console';
import { baseURL } from './support/context';
import { captureBothWidths, DESKTOP } from './support/layout';
import { apiSignIn, signInWithTotp, withoutSpentCodeRefusals, type SignInResult } from './support/sign-in';

const browser = useBrowser();
let page: Page;
let problems: PageProblems;
let signIn: SignInResult;

/** Riverside's class teacher marks today's register through the API (the demo's history ends yesterday). */
async function teacherMarksToday(): Promise<void> {
  const token = await apiSignIn({
    institution: 'riverside',
    email: 'teacher@riverside.test',
    secret: DEMO_TOTP_SECRET,
  });
  const call = async <T>(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseURL()}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const summary = await call<{ date: string; sections: { sectionId: string }[] }>(
    'GET',
    '/attendance/summary',
  );
  const sectionId = summary.sections[0]!.sectionId;
  const register = await call<{ rows: { studentId: string }[] }>(
    'GET',
    `/attendance/sections/${sectionId}/days/${summary.date}`,
  );
  await call('PUT', `/attendance/sections/${sectionId}/days/${summary.date}`, {
    marks: register.rows.map((r, i) => ({ studentId: r.studentId, status: i === 0 ? 'absent' : 'present' })),
  });
}

beforeAll(async () => {
  await teacherMarksToday();
  ({ page, problems } = await browser.open({ viewport: DESKTOP }, 'file'));
  signIn = await signInWithTotp(page, {
    institution: 'riverside',
    email: 'admin@riverside.test',
    secret: DEMO_TOTP_SECRET,
  });
}, 120_000);

describe('the admin dashboard', () => {
  it("shows today's attendance percentage and this month's collections as numbers, and links to the lists", async () => {
    await page.goto(`${baseURL()}/`);
    const attendance = page.getByRole('region', { name: "Today's attendance" });
    await attendance.waitFor();
    expect(await attendance.getByTestId('card-attendance-value').textContent()).toMatch(/^\d{1,3}(\.\d)?%$/);
    const month = page.getByRole('region', { name: 'Collected this month' });
    expect(await month.getByTestId('card-collected-month-value').textContent()).toMatch(/\d/);
    // System status is the operator's, not the admin's.
    expect(await page.getByRole('region', { name: 'System status' }).count()).toBe(0);
    const { phoneOverflow } = await captureBothWidths(page, 'dashboard-admin');
    expect(phoneOverflow).toBeLessThanOrEqual(0);

    await attendance.getByRole('link').click();
    await page.getByRole('heading', { name: 'Attendance', level: 1 }).waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('reports');
    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  });
});
