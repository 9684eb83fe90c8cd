import { join } from 'node:path';
import { DEMO_TOTP_SECRET } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { captureBothWidths } from './support/layout';
import { resultsDir } from './support/paths';
import { signInWithTotp, withoutSpentCodeRefusals } from './support/sign-in';

const browser = useBrowser();

const HEADER =
  'admission_no,first_name,last_name,date_of_birth,gender,admission_date,class,section,roll_no,guardian_name,guardian_relationship,guardian_phone';

/** Letters only, so the names stay plain names and each run's students are its own. */
const tag = Date.now()
  .toString(36)
  .replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)] ?? 'x');
const first = `Nila${tag}`;

function csv(firstDateOfBirth: string): string {
  const rows = [
    `E2E-${tag}-1,${first},Kapoor,${firstDateOfBirth},female,2026-04-01,Class 6,B,31,Rekha Kapoor,mother,+919800000101`,
    `E2E-${tag}-2,Arun${tag},Menon,2014-02-11,male,2026-04-01,Class 6,B,32,Vijay Menon,father,+919800000102`,
    `E2E-${tag}-3,Devi${tag},Pillai,2014-09-23,female,2026-04-01,Class 6,B,33,Lata Pillai,mother,+919800000103`,
  ];
  return `${HEADER}\n${rows.join('\n')}\n`;
}

async function chooseCsv(page: Page, text: string, name: string) {
  await page.locator('input[type="file"]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
  await page.getByRole('button', { name: 'Check file (dry run)' }).click();
}

describe('importing students from a CSV', () => {
  it('lets the admin dry-run a file, fix the bad row, import, and find the student', async () => {
    const { page, problems } = await browser.open({ viewport: { width: 1280, height: 800 } });
    const signIn = await signInWithTotp(page, {
      institution: 'greenwood',
      email: 'admin@greenwood.test',
      secret: DEMO_TOTP_SECRET,
    });

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Students' })
      .click();
    await page.getByRole('heading', { name: 'Students' }).waitFor();
    await page.getByRole('link', { name: 'Import CSV' }).click();
    await page.getByRole('heading', { name: 'Import students' }).waitFor();

    // A bad date on the first student (line 2 of the file): the dry run names the row and the column.
    await chooseCsv(page, csv('2014-13-45'), 'class-6b-bad.csv');
    const report = page.getByRole('table', { name: 'Problems by row' });
    await report.waitFor();
    const firstProblem = report.getByRole('row').nth(1);
    expect(await firstProblem.getByRole('cell').nth(0).textContent()).toBe('2');
    expect(await firstProblem.getByRole('cell').nth(1).textContent()).toBe('date_of_birth');
    expect(await page.getByRole('button', { name: /^Import \d+ rows$/ }).count()).toBe(0);
    await page.screenshot({ path: join(resultsDir, 'students-import-dry-run-desktop.png'), fullPage: true });

    await chooseCsv(page, csv('2014-05-17'), 'class-6b.csv');
    await page.getByTestId('import-counts').getByText('3 rows · 3 new · 0 updated').waitFor();
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByTestId('import-result').getByText('Imported: 3 new, 0 updated').waitFor();

    await page.getByRole('link', { name: 'View students' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill(first);
    const link = page.getByRole('link', { name: `${first} Kapoor` });
    await link.waitFor();
    expect(await page.getByTestId('student-row').count()).toBe(1);
    await link.click();

    await page.getByRole('heading', { name: `${first} Kapoor` }).waitFor();
    await page.getByText('Class 6 B · Roll number 31').waitFor();
    const guardian = page.getByTestId('guardian');
    await guardian.getByText('Rekha Kapoor').waitFor();
    // Guardian contacts are masked until someone with the permission reveals them.
    expect(await guardian.textContent()).not.toContain('+919800000101');
    const { phoneOverflow } = await captureBothWidths(page, 'student-profile');
    expect(phoneOverflow).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'Reveal' }).click();
    await page.getByText('This reveal was recorded in the audit log').waitFor();
    await guardian.getByText('+919800000101').waitFor();
    await page.screenshot({ path: join(resultsDir, 'student-profile-revealed-desktop.png'), fullPage: true });

    // The rest of the admin's screens of this area, at both widths, never scrolling sideways on a phone.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Academics' })
      .click();
    await page.getByRole('table', { name: 'Academic years' }).waitFor();
    expect((await captureBothWidths(page, 'academics')).phoneOverflow).toBeLessThanOrEqual(0);
    await page.getByRole('tab', { name: 'Classes' }).click();
    await page.getByRole('textbox', { name: 'Class teacher of Class 5 A' }).waitFor();
    expect((await captureBothWidths(page, 'academics-classes')).phoneOverflow).toBeLessThanOrEqual(0);

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Attendance' })
      .click();
    // The admin also marks: the Mark tab opens first; let it settle before moving on.
    await page.getByRole('heading', { name: 'Attendance' }).waitFor();
    await page.getByRole('textbox', { name: 'Section', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByTestId('day-section').first().waitFor();
    await page.getByRole('table', { name: 'Month register' }).waitFor();
    expect((await captureBothWidths(page, 'attendance-reports')).phoneOverflow).toBeLessThanOrEqual(0);

    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  });
});
