import { DEMO_TOTP_SECRET } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { captureBothWidths, DESKTOP } from './support/layout';
import { signInWithTotp, withoutSpentCodeRefusals } from './support/sign-in';

const browser = useBrowser();

describe('notifications for the school admin', () => {
  it('shows the delivery log and the dead-letter queue, usable on a phone', async () => {
    const { page, problems } = await browser.open({ viewport: DESKTOP });
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
