import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '@shala/contracts';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowser, type OpenedPage } from './support/use-browser';
import { baseURL } from './support/context';
import { horizontalOverflow } from './support/layout';
import { resultsDir } from './support/paths';
import { signInWithTotp, withoutSpentCodeRefusals, type SignInResult } from './support/sign-in';

const browser = useBrowser();

/**
 * The demo student whose erasure the demo schedules (ERASURE_DEMO_STUDENT of the API's erasure demo
 * seeder: Class 6 A, roll 10, no demo account, in no other browser test).
 */
const ERASED_ADMISSION_NO = 'GR-0060';
/**
 * The demo erasure's notice runs out 3 minutes after seeding (ERASURE_DEMO_NOTICE_LEFT_MS), plus slack. In a
 * full run this file goes last (e2e/support/sequencer.ts), when the notice has already run out; run on its
 * own, it waits.
 */
const NOTICE_WAIT_MS = 4 * 60_000;

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage });

/** The files of a ZIP (stored or deflated entries), read from its central directory. */
function unzip(zip: Buffer): Map<string, string> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('Not a ZIP: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('Broken central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** A request's row (table row on a desktop, card on a phone) from its details' id. */
function rowOf(page: Page, requestId: string, phone: boolean): Locator {
  const details = page.locator(`[id="privacy-details-${requestId}"]`);
  return phone
    ? page.getByTestId('privacy-request').filter({ has: details })
    : details.locator('xpath=preceding-sibling::tr[1]');
}

describe('privacy requests in the browser', () => {
  let admin: OpenedPage;
  let adminSignIn: SignInResult;

  beforeAll(async () => {
    admin = await browser.open({ viewport: { width: 1366, height: 900 } }, 'file');
    adminSignIn = await signInWithTotp(admin.page, {
      institution: 'greenwood',
      email: 'admin@greenwood.test',
      secret: DEMO_TOTP_SECRET,
    });
  });

  const adminProblems = () => withoutSpentCodeRefusals(admin.problems.list(), adminSignIn);

  async function openAdminRequests(): Promise<Page> {
    const { page } = admin;
    await page.goto(`${baseURL()}/privacy?tab=requests`);
    await page.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Privacy requests' }).waitFor();
    return page;
  }

  it("[PRV-02] lets a parent on a phone ask for a copy of their child's data and download it once it is ready", async () => {
    const { page, problems } = await browser.open({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      acceptDownloads: true,
    });
    await page.goto(`${baseURL()}/privacy`);
    await page.getByRole('textbox', { name: /^Institution/ }).fill('greenwood');
    await page.getByRole('textbox', { name: /^Email/ }).fill('parent@greenwood.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My data', level: 1 }).waitFor();

    // The child: the first of the parent's children, named with their admission number in the list.
    const childSelect = page.getByRole('textbox', { name: 'Child' });
    await childSelect.waitFor();
    const chosen = await childSelect.inputValue();
    const [, childName, admissionNo] = /^(.+) \(([A-Z]+-\d{4})\)$/.exec(chosen) ?? [];
    expect(childName, chosen).toBeTruthy();
    const rows = page.getByTestId('privacy-request');
    await rows.first().waitFor();
    const before = await rows.count();

    const [created] = await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/v1/privacy/my-requests' && r.request().method() === 'POST',
      ),
      page.getByRole('button', { name: /^Request a copy of my child/ }).tap(),
    ]);
    expect(created.status()).toBe(201);
    const request = (await created.json()) as { id: string; status: string };
    expect(request.status).toBe('open');
    // The message follows the archive job by itself (the job may already be done when it first shows).
    const asked = page.getByTestId('asked-status');
    await asked.getByText(/^Requested\. The archive is being prepared\.$|^Your copy is ready/).waitFor();
    await expect.poll(() => rows.count()).toBe(before + 1);

    const row = rowOf(page, request.id, true);
    await row.getByText(childName!).waitFor();
    await row.getByText('Copy of data').waitFor();
    expect(await row.getByText('Open', { exact: true }).count()).toBe(1);
    expect(await row.getByText(/Completed|In progress/).count()).toBe(0);
    // The screen never offers the download before the archive is done, and says it is being made until then.
    const download = row.getByRole('button', { name: 'Download archive (ZIP)' });
    const ready = row.getByText(/^Ready to download until /);
    if ((await download.count()) === 0) {
      // The job may finish between the count above and this wait: either the progress line shows, or the
      // download appears, and never the "ready" line without the download.
      const preparing = row.getByText(/^Preparing the archive: \d+ of \d+ tables$|^No archive made yet\.$/);
      await preparing.or(download).first().waitFor();
      if ((await download.count()) === 0) expect(await ready.count()).toBe(0);
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'privacy-parent-asked-390');
    // No reload: the message says the copy is ready once the job is done.
    await asked.getByText(/^Your copy is ready/).waitFor({ timeout: 30_000 });

    // The school starts work on it: the admin sees it open, raised by the parent, and its archive is the parent's.
    const desk = await openAdminRequests();
    const adminRow = rowOf(desk, request.id, false);
    await adminRow.getByText(childName!).waitFor();
    await adminRow.getByText('raised by the parent', { exact: false }).waitFor();
    expect(await adminRow.getByText('Open', { exact: true }).count()).toBe(1);
    const adminDetails = desk.locator(`[id="privacy-details-${request.id}"]`);
    await adminDetails
      .getByText('Only the person who raised the request can download its archive.')
      .waitFor();
    await adminDetails.getByRole('button', { name: 'Start work' }).click();
    await adminRow.getByText('In progress', { exact: true }).waitFor();
    expect(await adminRow.getByText('Open', { exact: true }).count()).toBe(0);
    await shot(desk, 'privacy-admin-access-in-progress-1366');

    // Back on the phone: the request is in progress, and the archive is offered once it is done.
    await page.reload();
    await row.getByText('In progress', { exact: true }).waitFor();
    await expect
      .poll(
        async () => {
          if ((await download.count()) > 0) return 'done';
          if ((await row.getByText(/^Preparing the archive/).count()) > 0) return 'running';
          await page.reload();
          return 'waiting';
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('done');
    await ready.waitFor();
    expect(await row.getByText(/^Preparing the archive/).count()).toBe(0);
    await row.scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'privacy-parent-ready-390');
    await shot(page, 'privacy-parent-ready-390-fold', false);

    const [file] = await Promise.all([page.waitForEvent('download'), download.tap()]);
    expect(file.suggestedFilename()).toBe(`privacy-archive-student-${request.id}.zip`);
    const zip = readFileSync(await file.path());
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const files = unzip(zip);
    const holding = [...files].filter(
      ([name, body]) => /\.(json|csv)$/.test(name) && body.includes(admissionNo!),
    );
    expect(holding.map(([name]) => name).length, [...files.keys()].join(', ')).toBeGreaterThan(0);

    expect(problems.list()).toEqual([]);
    expect(adminProblems()).toEqual([]);
  }, 120_000);

  it(
    '[PRV-02] lets an admin erase a student once the 48-hour notice has run out, leaving only the pseudonym',
    async () => {
      const page = await openAdminRequests();
      const erasePanel = page
        .locator('[id^="privacy-details-"]')
        .filter({ has: page.getByTestId('erasure-panel') })
        .filter({ hasText: /Erasure scheduled for|notice ran out/ });
      await erasePanel.first().waitFor();
      expect(await erasePanel.count()).toBe(1);
      const requestId = ((await erasePanel.getAttribute('id')) ?? '').replace('privacy-details-', '');
      const row = rowOf(page, requestId, false);
      const name = (await row.getByRole('cell').first().locator('p').first().textContent()) ?? '';
      expect(name).toMatch(/^\S+ \S+/);
      const details = page.locator(`[id="privacy-details-${requestId}"]`);
      const eraseNow = details.getByRole('button', { name: 'Erase now…' });

      // The erasure completes the request when it runs: the request itself cannot be marked completed.
      expect(await details.getByRole('button', { name: 'Mark completed' }).count()).toBe(0);
      // Until the notice has run out the screen says when it will and offers no "Erase now".
      await expect
        .poll(
          async () => {
            const status = (await details.getByTestId('erasure-status').textContent()) ?? '';
            if (status.startsWith('Erasure scheduled for')) {
              expect(await eraseNow.count()).toBe(0);
              await page.waitForTimeout(5_000);
              await page.reload();
              await details.getByTestId('erasure-status').waitFor();
              return 'notice running';
            }
            return status;
          },
          { timeout: NOTICE_WAIT_MS, interval: 0 },
        )
        .toMatch(/^The family’s 48-hour notice ran out on /);
      await shot(page, 'privacy-admin-erasure-due-1366');
      expect(await details.getByRole('button', { name: 'Mark completed' }).count()).toBe(0);

      await eraseNow.click();
      const dialog = page.getByRole('dialog', { name: 'Erase now?' });
      await dialog.waitFor();
      const confirm = dialog.getByRole('textbox', { name: /^Type the full name to confirm/ });
      await confirm.fill('someone else');
      await dialog.getByRole('button', { name: 'Erase now', exact: true }).click();
      await dialog.getByText('That does not match the name.').waitFor();
      await confirm.fill(name);
      await shot(page, 'privacy-admin-erasure-confirm-1366', false);
      const [executed] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(`/${requestId}/erasure/execute`)),
        dialog.getByRole('button', { name: 'Erase now', exact: true }).click(),
      ]);
      expect(executed.status()).toBe(200);
      await dialog.waitFor({ state: 'hidden' });
      const status = details.getByTestId('erasure-status');
      await status.getByText(/^Erased on /).waitFor();
      const pseudonym = /“(Erased student [0-9A-F]{4})”/.exec((await status.textContent()) ?? '')?.[1];
      expect(pseudonym).toBeTruthy();
      await row.getByText('Completed', { exact: true }).waitFor();
      await row.getByText(pseudonym!).waitFor();
      expect(await row.getByText(name).count()).toBe(0);
      await shot(page, 'privacy-admin-erased-1366');

      // The student list: the admission number now shows the pseudonym, and the name is gone from it.
      await page.goto(`${baseURL()}/students?admissionNo=${ERASED_ADMISSION_NO}`);
      const list = page.getByRole('table', { name: 'Students' });
      await list.waitFor();
      const studentRows = page.getByTestId('student-row');
      await list.getByText(pseudonym!).waitFor();
      expect(await studentRows.count()).toBe(1);
      expect(await studentRows.first().textContent()).not.toContain(name);
      await shot(page, 'privacy-students-erased-1366');
      // Searching the old name no longer finds this student.
      await Promise.all([
        page.waitForResponse((r) => {
          const url = new URL(r.url());
          return url.pathname === '/api/v1/students' && url.searchParams.get('q') === name;
        }),
        page.goto(`${baseURL()}/students?q=${encodeURIComponent(name)}`),
      ]);
      await page.getByRole('heading', { name: 'Students', level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await studentRows.filter({ hasText: ERASED_ADMISSION_NO }).count()).toBe(0);
      await shot(page, 'privacy-students-old-name-1366');

      expect(adminProblems()).toEqual([]);
    },
    NOTICE_WAIT_MS + 60_000,
  );
});
