import { mkdirSync } from 'node:fs';
import { DEMO_OPERATOR_EMAIL, DEMO_TOTP_SECRET, PLATFORM_SLUG } from '@shala/contracts';
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

describe('platform operator', () => {
  it('sees the institutions and no school screens', async () => {
    context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const problems = watchPage(page);
    const signIn = await signInWithTotp(page, {
      institution: PLATFORM_SLUG,
      email: DEMO_OPERATOR_EMAIL,
      secret: DEMO_TOTP_SECRET,
    });

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Institutions' }).click();
    await page.getByRole('table', { name: 'Institutions' }).getByText('Greenwood High School').waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dashboard', 'Institutions']);
    expect((await captureBothWidths(page, 'institutions')).phoneOverflow).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'Provision institution' }).click();
    await page.getByRole('dialog', { name: 'Provision an institution' }).waitFor();
    expect((await captureBothWidths(page, 'institutions-provision')).phoneOverflow).toBeLessThanOrEqual(0);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  }, 120_000);
});
