import { DEMO_TOTP_SECRET } from '@shala/contracts';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { captureBothWidths, DESKTOP } from './support/layout';
import { signInWithTotp, withoutSpentCodeRefusals } from './support/sign-in';

/** A gateway key that must never come back: not in the page, not in any API answer. */
const GATEWAY_KEY = `e2e-gateway-key-${Date.now()}`;
const DLT_TEMPLATE_ID = '1107161234567890123';
/** The demo parent of Greenwood (institution 1 of the demo seed), guardian of the two siblings. */
const DEMO_PARENT_PHONE = '+919701000001';

const browser = useBrowser();

describe('notification settings for the school admin', () => {
  it('edits a template and saves the SMS channel without the key ever coming back, on desktop and phone', async () => {
    const { page, problems } = await browser.open({ viewport: DESKTOP });
    const answers: string[] = [];
    page.on('response', (response) => {
      if (!new URL(response.url()).pathname.startsWith('/api/v1/notifications/')) return;
      void response.text().then(
        (text) => answers.push(text),
        () => undefined,
      );
    });
    const signIn = await signInWithTotp(page, {
      institution: 'greenwood',
      email: 'admin@greenwood.test',
      secret: DEMO_TOTP_SECRET,
    });

    // --- templates -------------------------------------------------------------------------------------
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Notifications' })
      .click();
    await page.getByRole('tab', { name: 'Templates' }).click();
    await page.getByRole('list', { name: 'Message templates' }).waitFor();
    const templates = await captureBothWidths(page, 'notifications-templates');
    expect(templates.phoneOverflow).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'Edit Absence alert (en)' }).click();
    const editor = page.getByRole('dialog', { name: 'Absence alert template (en)' });
    await editor.waitFor();
    // The seeded wording uses only declared variables; an unknown one is flagged as it is typed.
    const sms = editor.getByRole('textbox', { name: 'SMS text' });
    const seeded = await sms.inputValue();
    await sms.fill(`${seeded} {{grade}}`);
    await editor.getByText(/Uses \{\{grade\}\}, which this message does not provide/).waitFor();
    await sms.fill(seeded.replace('Dear parent,', 'Dear parent/guardian,'));
    await editor.getByRole('textbox', { name: /DLT template id/ }).fill(DLT_TEMPLATE_ID);
    await editor.getByRole('button', { name: 'Fill from the SMS text' }).click();
    await expect
      .poll(() => editor.getByTestId('preview-sms').textContent())
      .toContain('Dear parent/guardian, Anika Sharma');
    const editorShots = await captureBothWidths(page, 'notifications-template-editor');
    expect(editorShots.phoneOverflow).toBeLessThanOrEqual(0);

    const [saved] = await Promise.all([
      page.waitForResponse(
        (response) =>
          response.request().method() === 'PUT' &&
          /\/api\/v1\/notifications\/templates\//.test(new URL(response.url()).pathname),
      ),
      editor.getByRole('button', { name: 'Save template' }).click(),
    ]);
    expect(saved.status()).toBe(200);
    const template = (await saved.json()) as { sms: { body: string; dltTemplateId: string } };
    expect(template.sms.body.startsWith('Dear parent/guardian,')).toBe(true);
    expect(template.sms.dltTemplateId).toBe(DLT_TEMPLATE_ID);
    await editor.waitFor({ state: 'hidden' });

    // --- SMS channel -----------------------------------------------------------------------------------
    await page.getByRole('tab', { name: 'Channels' }).click();
    const card = page.getByRole('region', { name: 'SMS' });
    await card.waitFor();
    await card.getByRole('textbox', { name: 'DLT principal entity id' }).fill('1101234567890123456');
    await card.getByRole('textbox', { name: /Sender header/ }).fill('GRNWDS');
    await card.getByLabel(/^Gateway API key/).fill(GATEWAY_KEY);
    await card.getByRole('switch', { name: 'Enabled: SMS' }).check({ force: true });
    const [put] = await Promise.all([
      page.waitForResponse(
        (response) =>
          response.request().method() === 'PUT' &&
          new URL(response.url()).pathname === '/api/v1/notifications/channels/sms',
      ),
      card.getByRole('button', { name: 'Save SMS settings' }).click(),
    ]);
    expect(put.status()).toBe(200);
    await card.getByText('Set', { exact: true }).waitFor();
    await expect.poll(() => card.getByLabel(/^Gateway API key/).inputValue()).toBe('');
    expect(await page.content()).not.toContain(GATEWAY_KEY);

    // After a reload the form still shows only that the key is set.
    await page.reload();
    const reloaded = page.getByRole('region', { name: 'SMS' });
    await reloaded.getByText('Set', { exact: true }).waitFor();
    expect(await reloaded.getByLabel(/^Gateway API key/).inputValue()).toBe('');
    expect(await reloaded.getByRole('textbox', { name: /Sender header/ }).inputValue()).toBe('GRNWDS');
    expect(await page.content()).not.toContain(GATEWAY_KEY);
    const channels = await captureBothWidths(page, 'notifications-channels');
    expect(channels.phoneOverflow).toBeLessThanOrEqual(0);

    // --- a guardian's consents: found by the demo parent's phone, a paper-form consent recorded ----------
    await page.getByRole('tab', { name: 'Guardian consents' }).click();
    await page.getByText('Guardian phone or email', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Guardian phone or email (exact)' }).fill(DEMO_PARENT_PHONE);
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .getByRole('button', { name: /^Guardians of / })
      .first()
      .click();
    await page
      .getByRole('button', { name: /^Consents of / })
      .first()
      .click();
    // The demo family opted into email at the school office when the demo was seeded.
    await page.getByTestId('consent-absence_alerts-email').getByText('Opted in').waitFor();
    // Exam results by WhatsApp: a consent no other screen's test sends on.
    await page.getByRole('button', { name: 'Record a change for Exam results by WhatsApp' }).click();
    const record = page.getByRole('dialog', { name: 'Exam results by WhatsApp' });
    await record.getByRole('textbox', { name: 'How it was given' }).click();
    await page.getByRole('option', { name: 'Paper form' }).click();
    await record.getByRole('textbox', { name: 'Note (optional)' }).fill('e2e: signed form');
    const [recorded] = await Promise.all([
      page.waitForResponse(
        (response) =>
          response.request().method() === 'PUT' &&
          /\/api\/v1\/notifications\/guardians\/[^/]+\/consents$/.test(new URL(response.url()).pathname),
      ),
      record.getByRole('button', { name: 'Record' }).click(),
    ]);
    expect(recorded.status()).toBe(200);
    await record.waitFor({ state: 'hidden' });
    const whatsapp = page.getByTestId('consent-exam_results-whatsapp');
    await whatsapp.getByText('Opted in').waitFor();
    await whatsapp.getByText(/^Paper form, /).waitFor();
    await page
      .getByRole('list', { name: 'History' })
      .getByText(/e2e: signed form/)
      .waitFor();
    const consents = await captureBothWidths(page, 'notifications-guardian-consents');
    expect(consents.phoneOverflow).toBeLessThanOrEqual(0);

    expect(answers.some((text) => text.includes(GATEWAY_KEY))).toBe(false);
    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  }, 180_000);
});
