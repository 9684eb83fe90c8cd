import { DEMO_TOTP_SECRET } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import type { PageProblems } from './support/console';
import { baseURL } from './support/context';
import { captureBothWidths, DESKTOP } from './support/layout';
import { signInWithTotp, withoutSpentCodeRefusals, type SignInResult } from './support/sign-in';

const browser = useBrowser();
let page: Page;
let problems: PageProblems;
let signIn: SignInResult;

// One sign-in for the whole file: each TOTP code works once, and the admin signs in in other files too.
beforeAll(async () => {
  ({ page, problems } = await browser.open({ viewport: DESKTOP, acceptDownloads: true }, 'file'));
  signIn = await signInWithTotp(page, {
    institution: 'greenwood',
    email: 'admin@greenwood.test',
    secret: DEMO_TOTP_SECRET,
  });
}, 120_000);

async function openTab(tab: string) {
  await page.goto(`${baseURL()}/fees?tab=${tab}`);
  await page.getByRole('heading', { name: 'Fees', level: 1 }).waitFor();
}

/** Picks an option of a Mantine select by its label. */
async function choose(label: string | RegExp, option: string) {
  await page.getByRole('textbox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe("the school office's fee screens", () => {
  it('adds a fee head in fee setup, beside the demo structures', async () => {
    await openTab('setup');
    const heads = page.getByRole('region', { name: 'Fee heads' });
    await heads.getByRole('list', { name: 'Fee heads' }).waitFor();
    const name = `Lab fee ${Date.now().toString(36)}`;
    await heads.getByRole('textbox', { name: /^Name/ }).fill(name);
    await heads.getByRole('button', { name: 'Add fee head' }).click();
    await heads.getByRole('listitem').filter({ hasText: name }).waitFor();
    await page.getByTestId('fee-structure').first().waitFor();
    expect(await page.getByTestId('fee-structure').count()).toBeGreaterThanOrEqual(2);
    expect((await captureBothWidths(page, 'fees-setup')).phoneOverflow).toBeLessThanOrEqual(0);
  });

  it('runs class invoicing again and says every invoice already existed', async () => {
    await openTab('invoicing');
    await choose('Class', 'Class 5');
    await page.getByText(/^Class 5 fees .*: 3 instalments, ₹[\d,]+\.\d\d a student for the year$/).waitFor();
    await page.getByRole('button', { name: 'Generate invoices' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invoice Class 5?' });
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const result = page.getByTestId('invoice-run-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    const counts = /(\d+) invoices created, (\d+) already existed \((\d+) students in Class 5\)/.exec(text);
    expect(counts, text).not.toBeNull();
    const [, created, existed, students] = counts!.map(Number);
    // The demo invoiced every enrolled student: a second run creates nothing.
    expect(created).toBe(0);
    expect(existed).toBe(students! * 3);
    expect(students).toBeGreaterThan(0);
    expect((await captureBothWidths(page, 'fees-invoicing')).phoneOverflow).toBeLessThanOrEqual(0);
  });

  it('shows the defaulters with their dues in rupees, on a desk and on a phone', async () => {
    await openTab('dues');
    const summary = page.getByTestId('dues-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^\d+ students owe ₹[\d,]+\.\d\d$/);
    const rows = page.getByRole('table', { name: 'Defaulters' }).getByTestId('defaulter-row');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toMatch(/₹[\d,]+\.\d\d/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^fee-defaulters-\d{4}-\d{2}-\d{2}\.csv$/);
    expect((await captureBothWidths(page, 'fees-defaulters')).phoneOverflow).toBeLessThanOrEqual(0);
  });

  it('draws the collections chart by day and by head', async () => {
    await openTab('collections');
    const total = page.getByTestId('collections-total');
    await total.waitFor();
    expect(await total.textContent()).toMatch(/^Collected ₹[\d,]+\.\d\d$/);
    const chart = page.getByRole('img', { name: /^Collections by day/ });
    expect(await chart.getByTestId('bar').count()).toBeGreaterThanOrEqual(1);
    await page.getByText('Head', { exact: true }).click();
    const byHead = page.getByRole('img', { name: /^Collections by head/ });
    await byHead.waitFor();
    const labels = await byHead
      .getByTestId('bar')
      .evaluateAll((bars) => bars.map((b) => b.getAttribute('data-label')));
    expect(labels).toContain('Tuition');
    expect((await captureBothWidths(page, 'fees-collections')).phoneOverflow).toBeLessThanOrEqual(0);
  });

  it('lists payments with their receipts in the payments register', async () => {
    await openTab('payments');
    const rows = page.getByRole('table', { name: 'Payments' }).getByTestId('register-row');
    await rows.first().waitFor();
    expect(
      await rows
        .first()
        .getByRole('button', { name: /^Download receipt \d{4}-\d{2}\/\d{5}$/ })
        .count(),
    ).toBe(1);
    expect(
      await rows
        .first()
        .getByRole('button', { name: /^Reverse payment / })
        .count(),
    ).toBe(1);
    expect((await captureBothWidths(page, 'fees-payments')).phoneOverflow).toBeLessThanOrEqual(0);
    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  });
});
