import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, type CircularView } from '@shala/contracts';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PageProblems } from './support/console';
import { baseURL } from './support/context';
import { horizontalOverflow } from './support/layout';
import { resultsDir } from './support/paths';
import { signInWithTotp, withoutSpentCodeRefusals, type SignInResult } from './support/sign-in';
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

/** Where the keyboard is: the focused control's accessible name, and whether its focus shows. */
interface Stop {
  name: string;
  tag: string;
  /** The start of its HTML, to find it by when a check fails. */
  html: string;
  inDialog: boolean;
  /** The focused control (or, for a switch, its track) looks different from when it is not focused. */
  ringed: boolean;
}

function focusStop(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body)
      return { name: '', tag: 'body', html: '', inDialog: false, ringed: false };
    // Tab moves through the parts of a date and time inside one input: looked at once, on arrival.
    const seen = window as unknown as { lastStop?: Element };
    const again = seen.lastStop === el;
    seen.lastStop = el;
    const text = (ids: string | null) =>
      (ids ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    const labels = 'labels' in el ? [...((el as HTMLInputElement).labels ?? [])] : [];
    const name = (
      el.getAttribute('aria-label') ||
      text(el.getAttribute('aria-labelledby')) ||
      labels.map((l) => l.textContent ?? '').join(' ') ||
      el.getAttribute('title') ||
      (el.tagName === 'BUTTON' || el.tagName === 'A' ? el.textContent : '') ||
      ''
    ).trim();
    // A switch's checkbox is hidden: its track shows the focus; a multi-select's field is inside the box
    // that shows it.
    const visual =
      (el.matches('input[type=checkbox]')
        ? el.closest('[class*="Switch-body"]')?.querySelector<HTMLElement>('[class*="Switch-track"]')
        : el.matches('[class*="PillsInputField"]')
          ? el.closest<HTMLElement>('[class*="Input-input"]')
          : null) ?? el;
    const look = () => {
      const s = getComputedStyle(visual);
      return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}|${s.borderColor}|${s.boxShadow}`;
    };
    // Inputs fade their border in: compare the styles without the transition.
    const transition = visual.style.transition;
    visual.style.transition = 'none';
    const focused = look();
    let blurred = focused;
    if (!again) {
      el.blur();
      blurred = look();
      el.focus();
    }
    visual.style.transition = transition;
    return {
      name,
      tag: `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''}`,
      html: el.outerHTML.slice(0, 160),
      inDialog: Boolean(el.closest('[role=dialog]')),
      ringed: again || focused !== blurred,
    };
  });
}

/** Presses Tab (Shift+Tab with `back`) until the focused control's name matches, noting each stop. */
async function tabTo(
  page: Page,
  name: RegExp,
  stops: Stop[],
  options: { back?: boolean; inDialog?: boolean; max?: number } = {},
): Promise<void> {
  for (let i = 0; i < (options.max ?? 60); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const stop = await focusStop(page);
    // Shift+Tab into a date and time lands inside its own parts, where a script's blur() does not take
    // the focus away, so the probe cannot compare: its ring is checked when Tab arrives forwards.
    if (options.back && stop.tag === 'input[datetime-local]') stop.ringed = true;
    if (stop.tag !== 'body') stops.push(stop);
    if (name.test(stop.name) && (options.inDialog === undefined || stop.inDialog === options.inDialog))
      return;
  }
  const seen = stops.slice(-12).map((s) => `${s.tag}:${s.name}`);
  throw new Error(`No control named ${name} within reach of the Tab key; last: ${seen.join(' | ')}`);
}

/** The text of what describes a control (its description and its error). */
async function describedText(control: Locator): Promise<string> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  return control
    .page()
    .evaluate((list) => list.map((id) => document.getElementById(id)?.textContent ?? '').join(' '), ids);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('circulars: a publisher with the keyboard only', () => {
  let page: Page;
  let problems: PageProblems;
  let signIn: SignInResult;

  // One admin sign-in for both widths: each TOTP code works once, and the admin signs in in other files.
  beforeAll(async () => {
    ({ page, problems } = await browser.open({ viewport: { width: 1366, height: 900 } }, 'file'));
    signIn = await signInWithTotp(page, {
      institution: 'greenwood',
      email: 'admin@greenwood.test',
      secret: DEMO_TOTP_SECRET,
    });
  }, 120_000);

  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`writes, addresses, attaches, schedules and publishes a circular at ${viewport.width} px with Tab, Enter and Space`, async () => {
      await page.setViewportSize(viewport);
      const shot = (what: string) =>
        page.screenshot({
          path: join(resultsDir, `circulars-keyboard-${what}-${viewport.width}.png`),
          fullPage: true,
        });
      const title = `Keyboard notice ${viewport.width} ${Date.now() % 100_000}`;
      const stops: Stop[] = [];
      await page.goto(`${baseURL()}/circulars`);
      await page.getByRole('heading', { name: 'Circulars', level: 1 }).waitFor();
      await page.getByTestId('circular-row').first().waitFor();

      await tabTo(page, /^New circular$/, stops, { max: 80 });
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'New circular' });
      await dialog.waitFor();

      // Saving an empty form: each error on its own field, named by it.
      await tabTo(page, /^Save draft$/, stops, { inDialog: true });
      await page.keyboard.press('Enter');
      const titleBox = dialog.getByRole('textbox', { name: /^Title/ });
      const bodyBox = dialog.getByRole('textbox', { name: /^Notice/ });
      await expect.poll(() => titleBox.getAttribute('aria-invalid')).toBe('true');
      expect(await describedText(titleBox)).toContain('Give the circular a title.');
      expect(await bodyBox.getAttribute('aria-invalid')).toBe('true');
      expect(await describedText(bodyBox)).toContain('Write the notice.');

      await tabTo(page, /^Title/, stops, { inDialog: true });
      await page.keyboard.type(title);
      await page.keyboard.press('Tab');
      await page.keyboard.type('Dear parents,');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.type('The section visits the planetarium on Friday.');

      // The audience: open the select with the keyboard and pick "Sections".
      await tabTo(page, /^Addressed to/, stops, { inDialog: true });
      // Each key press is read back once the highlight has moved: the renderer may paint it a frame later.
      await page.keyboard.press('ArrowDown');
      const highlighted = page.locator('[data-combobox-selected]');
      await highlighted.waitFor();
      for (let i = 0; i < 6; i++) {
        const current = await highlighted.textContent();
        if (current === 'Sections') break;
        await page.keyboard.press('ArrowDown');
        await expect.poll(() => highlighted.textContent()).not.toBe(current);
      }
      await page.keyboard.press('Enter');
      await expect
        .poll(() => dialog.getByRole('textbox', { name: /^Addressed to/ }).inputValue())
        .toBe('Sections');

      // No section yet: the error is on the sections field.
      await tabTo(page, /^Save draft$/, stops, { inDialog: true });
      await page.keyboard.press('Enter');
      const sections = dialog.getByRole('textbox', { name: /^Sections/ });
      await expect.poll(() => sections.getAttribute('aria-invalid')).toBe('true');
      expect(await describedText(sections)).toContain('Choose at least one section.');

      await tabTo(page, /^Sections/, stops, { inDialog: true, back: true });
      await page.keyboard.type('Class 5 A');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await dialog.getByText('Class 5 A', { exact: true }).waitFor();
      await tabTo(page, /^Ask families to acknowledge/, stops, { inDialog: true });
      await page.keyboard.press('Space');
      await expect.poll(() => dialog.getByRole('switch', { name: /^Ask families/ }).isChecked()).toBe(true);
      await shot('editor');
      await tabTo(page, /^Save draft$/, stops, { inDialog: true });
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: title }).waitFor();

      // The attachment: Enter opens the file chooser; a file that is not a PDF is refused on the field.
      const attachment = page.getByRole('button', { name: /^PDF attachment/ });
      const choose = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
        const [chooser] = await Promise.all([
          page.waitForEvent('filechooser'),
          (async () => {
            // Still on the field after a refused file; else Tab to it.
            if (!(await attachment.evaluate((el) => el === document.activeElement)))
              await tabTo(page, /^PDF attachment/, stops, { max: 80 });
            await page.keyboard.press('Enter');
          })(),
        ]);
        await chooser.setFiles(file);
      };
      await choose({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text') });
      await expect.poll(() => describedText(attachment)).toContain('Choose a PDF file.');
      // Named .pdf but not one: the API refuses it (415) and the refusal shows on the field too.
      await choose({
        name: 'fake.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('not a pdf at all'),
      });
      await expect.poll(() => describedText(attachment)).toContain('Choose a PDF file.');
      await choose({ name: 'Planetarium visit.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Download Planetarium visit.pdf' }).waitFor();

      // Scheduling: an empty time is refused on its field; the suggested time (an hour ahead) is taken.
      await tabTo(page, /^Publish at/, stops);
      const when = page.getByLabel(/^Publish at/);
      const suggested = await when.inputValue();
      await page.keyboard.press('Backspace');
      await tabTo(page, /^Schedule$/, stops);
      await page.keyboard.press('Enter');
      await expect.poll(() => describedText(when)).toContain('Choose a time in the future.');
      expect(await when.getAttribute('aria-invalid')).toBe('true');
      // Back to the time (focus lands on its first part, the month the Backspace cleared) to type it again.
      await tabTo(page, /^Publish at/, stops, { back: true });
      await page.keyboard.type(suggested.slice(5, 7));
      expect(await when.inputValue()).toBe(suggested);
      await tabTo(page, /^Schedule$/, stops);
      await page.keyboard.press('Enter');
      await page.getByText('The circular is scheduled.').waitFor();
      expect(await page.getByText('Scheduled', { exact: true }).count()).toBeGreaterThan(0);
      await shot('scheduled');

      // Publish now, confirmed in the dialog, with the keyboard.
      await tabTo(page, /^Publish now$/, stops, { back: true, inDialog: false, max: 80 });
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('dialog', { name: 'Publish this circular?' });
      await confirm.waitFor();
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/publish')),
        tabTo(page, /^Publish now$/, stops, { inDialog: true }).then(() => page.keyboard.press('Space')),
      ]);
      expect(answer.status()).toBe(200);
      const published = (await answer.json()) as CircularView;
      expect(published.status).toBe('published');
      const { addressed } = published.counts!;
      const queued = Math.min(published.notified ?? 0, addressed);
      expect(addressed).toBeGreaterThan(0);
      const said = `Messages queued for ${queued} of ${addressed} guardians; ${addressed - queued} not opted in for circulars or not reachable.`;
      expect(await page.getByTestId('circular-notified').textContent()).toContain(said);
      await page.getByText(said).first().waitFor();
      await shot('published');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      // Back in the list, the circular is there, published.
      await tabTo(page, /^All circulars$/, stops, { back: true, max: 80 });
      await page.keyboard.press('Enter');
      const row = page.getByTestId('circular-row').filter({ hasText: title });
      await row.waitFor();
      expect(await row.getByText('Published', { exact: true }).count()).toBe(1);

      // Every control the keyboard reached was named and showed its focus.
      expect(stops.filter((s) => !s.name)).toEqual([]);
      expect(stops.filter((s) => !s.ringed)).toEqual([]);
      expect(
        withoutSpentCodeRefusals(problems.list(), signIn).filter((p) => !/415.*\/attachment/.test(p)),
      ).toEqual([]);
    }, 180_000);
  }
});
