import { mkdirSync } from 'node:fs';
import { DEMO_TOTP_SECRET } from '@shala/contracts';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { watchPage } from './support/console';
import { captureBothWidths, DESKTOP } from './support/layout';
import { resultsDir } from './support/paths';
import { signInWithTotp, withoutSpentCodeRefusals } from './support/sign-in';

let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(resultsDir, { recursive: true });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('notifications for the school admin', () => {
  it('shows the delivery log and the dead-letter queue, usable on a phone', async () => {
    context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const problems = watchPage(page);
    const signIn = await signInWithTotp(page, {
      institution: 'greenwood',
      email: 'admin@greenwood.test',
      secret: DEMO_TOTP_SECRET,
    });

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Notifications' })
      .click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    // Either the log's list or its empty state, once the first page has answered.
    await page
      .getByRole('list', { name: 'Delivery log' })
      .or(page.getByText(/No messages match/))
      .waitFor();
    const log = await captureBothWidths(page, 'notifications-log');
    expect(log.phoneOverflow).toBeLessThanOrEqual(0);

    await page.getByRole('tab', { name: 'Dead letters' }).click();
    await page
      .getByRole('list', { name: 'Dead letters' })
      .or(page.getByText(/No dead letters/))
      .waitFor();
    const dead = await captureBothWidths(page, 'notifications-dead');
    expect(dead.phoneOverflow).toBeLessThanOrEqual(0);

    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  }, 120_000);
});
