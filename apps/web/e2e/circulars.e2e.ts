import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { baseURL } from './support/context';
import { horizontalOverflow } from './support/layout';
import { resultsDir } from './support/paths';
import { useBrowser } from './support/use-browser';

const PHONE_390 = { viewport: { width: 390, height: 844 }, hasTouch: true, acceptDownloads: true };

const browser = useBrowser();

describe('circulars on a phone', () => {
  it('a parent reads a permission slip, downloads its PDF and acknowledges it on a 390 px phone', async () => {
    const { page, problems } = await browser.open(PHONE_390);
    await page.goto(`${baseURL()}/circulars`);
    await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
    await page.getByRole('textbox', { name: /^Email/ }).fill('parent@greenwood.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Circulars', level: 1 }).waitFor();

    // The demo's circulars for the whole school and for the children's class and section; never the
    // other class's or the staff's.
    const cards = page.getByTestId('circular-card');
    await cards.first().waitFor();
    const all = (await cards.allTextContents()).join('\n');
    expect(all).toContain('School reopens after the winter break');
    expect(all).toContain('Permission slip: museum visit');
    expect(all).toContain('science exhibition');
    expect(all).not.toContain('sports day practice');
    expect(all).not.toContain('Staff meeting');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, 'circulars-parent-list-390.png'), fullPage: true });

    // Opening it is the read receipt; the PDF downloads; the acknowledgement is recorded once.
    const slip = cards.filter({ hasText: 'Permission slip: museum visit' });
    await slip.getByRole('button', { name: /^Open/ }).tap();
    const detail = page.getByTestId('circular-detail');
    await detail.getByRole('heading', { name: 'Permission slip: museum visit' }).waitFor();
    await detail.getByText(/city museum/).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      detail.getByRole('button', { name: /^Download .*\.pdf$/ }).tap(),
    ]);
    expect(download.suggestedFilename()).toBe('Museum visit permission slip.pdf');
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    const acknowledge = detail.getByRole('button', { name: 'Acknowledge' });
    if (await acknowledge.isVisible()) await acknowledge.tap();
    await detail.getByText(/^Acknowledged /).waitFor();
    await expect(acknowledge.count()).resolves.toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(resultsDir, 'circulars-parent-acknowledged-390.png'),
      fullPage: true,
    });

    // Back in the list, the slip shows as acknowledged and no longer new.
    await page.getByRole('button', { name: 'All circulars' }).tap();
    const again = page.getByTestId('circular-card').filter({ hasText: 'Permission slip: museum visit' });
    await again.getByText(/^Acknowledged /).waitFor();
    expect(await again.getByText('New', { exact: true }).count()).toBe(0);
    expect(problems.list()).toEqual([]);
  });
});
