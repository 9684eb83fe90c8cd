import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { baseURL } from './support/context';
import { horizontalOverflow } from './support/layout';
import { resultsDir } from './support/paths';

const browser = useBrowser();

/** "₹12,500.50" -> 1250050 paise. */
function paiseOf(text: string | null): number {
  const digits = (text ?? '').replace(/[^\d.]/g, '');
  return Math.round(Number(digits) * 100);
}

describe('a parent paying fees on a phone', () => {
  it("sees both children's dues, pays part online, and downloads the receipt", async () => {
    const { page, problems } = await browser.open({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      acceptDownloads: true,
    });

    await page.goto(`${baseURL()}/fees`);
    await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
    await page.getByRole('textbox', { name: /^Email/ }).fill('parent@greenwood.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Fees', level: 1 }).waitFor();
    const children = page.getByTestId('child-dues');
    await children.first().waitFor();
    expect(await children.count()).toBe(2);
    for (const child of await children.all()) {
      expect(await child.getByTestId('child-outstanding').textContent()).toMatch(/^₹[\d,]+\.\d\d$/);
    }
    await page.screenshot({ path: join(resultsDir, 'fees-parent-390-fold.png') });

    // Pay part of the first child's dues that has something outstanding.
    let child = children.first();
    for (const candidate of await children.all()) {
      if (paiseOf(await candidate.getByTestId('child-outstanding').textContent()) > 200_000) {
        child = candidate;
        break;
      }
    }
    const name = (await child.getByRole('heading', { level: 2 }).textContent()) ?? '';
    const before = paiseOf(await child.getByTestId('child-outstanding').textContent());
    expect(before).toBeGreaterThan(100_000);
    const history = page.getByRole('list', { name: `Payments of ${name}` });
    const paymentsBefore = (await history.count()) > 0 ? await history.getByTestId('payment-row').count() : 0;

    await child.getByRole('button', { name: `Pay online for ${name}` }).tap();
    const amount = page.getByRole('textbox', { name: /^Amount \(INR\)/ });
    await amount.fill('1000');
    await page.getByRole('button', { name: 'Continue' }).tap();
    const confirm = page.getByRole('dialog', { name: 'Pay ₹1,000.00?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Pay now' }).tap();
    await page.getByText(`₹1,000.00 paid for ${name}.`).waitFor();

    await expect
      .poll(async () => paiseOf(await child.getByTestId('child-outstanding').textContent()), {
        timeout: 10_000,
      })
      .toBe(before - 100_000);
    await history.waitFor();
    await expect.poll(() => history.getByTestId('payment-row').count()).toBe(paymentsBefore + 1);
    const row = history.getByTestId('payment-row').filter({ hasText: '₹1,000.00' }).first();
    const receipt = (await row.getByText(/^Receipt /).textContent()) ?? '';
    expect(receipt).toMatch(/^Receipt \d{4}-\d{2}\/\d{5}$/);
    const receiptNo = receipt.replace('Receipt ', '');

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'fees-parent-paid-390.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: `Download receipt ${receiptNo}` }).tap(),
    ]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    // The parent's own consents, one switch per channel and purpose: the Consents tab of My data.
    await page.getByRole('link', { name: 'Choose how the school contacts you' }).tap();
    await page.getByRole('heading', { name: 'My data', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Consents', selected: true }).waitFor();
    await page
      .getByRole('table', { name: /^Consents of / })
      .first()
      .waitFor();
    expect(await page.getByRole('switch', { name: /by SMS$/ }).count()).toBeGreaterThanOrEqual(4);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, 'my-data-consents-390.png'), fullPage: true });

    expect(problems.list()).toEqual([]);
  });
});
