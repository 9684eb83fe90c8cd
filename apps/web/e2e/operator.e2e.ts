import { DEMO_OPERATOR_EMAIL, DEMO_TOTP_SECRET, PLATFORM_SLUG } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { captureBothWidths, DESKTOP } from './support/layout';
import { signInWithTotp, withoutSpentCodeRefusals } from './support/sign-in';

const browser = useBrowser();

describe('platform operator', () => {
  it('sees the institutions and no school screens', async () => {
    const { page, problems } = await browser.open({ viewport: DESKTOP });
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
