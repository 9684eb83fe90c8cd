import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { resultsDir } from './paths';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** How far the page is wider than the window (0 when nothing overflows sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Screenshots of the page at desktop width and on a 360 px phone, the phone's overflow checked. */
export async function captureBothWidths(page: Page, name: string): Promise<{ phoneOverflow: number }> {
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(resultsDir, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(250);
  const phoneOverflow = await horizontalOverflow(page);
  await page.screenshot({ path: join(resultsDir, `${name}-360.png`), fullPage: true });
  // What the phone shows before any scrolling: full-page shots of long lists are hard to read.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(resultsDir, `${name}-360-fold.png`) });
  await page.setViewportSize(DESKTOP);
  return { phoneOverflow };
}
