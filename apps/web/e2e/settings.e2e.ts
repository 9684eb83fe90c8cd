import { DEMO_TOTP_SECRET } from '@shala/contracts';
import type { Page } from 'playwright-core';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PageProblems } from './support/console';
import { captureBothWidths, DESKTOP } from './support/layout';
import { signInWithTotp, withoutSpentCodeRefusals, type SignInResult } from './support/sign-in';
import { useBrowser } from './support/use-browser';

const browser = useBrowser();
let page: Page;
let problems: PageProblems;
let signIn: SignInResult;

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let c = 0xffffffff;
  for (const b of body) c = CRC[(c ^ b) & 0xff]! ^ (c >>> 8);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((c ^ 0xffffffff) >>> 0, 8 + data.length);
  return out;
}

/** A plain 40x40 orange square as a PNG, made here (no image files). */
function orangeSquare(size = 40): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([240, 120, 20]))]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  ({ page, problems } = await browser.open({ viewport: DESKTOP }, 'file'));
  signIn = await signInWithTotp(page, {
    institution: 'greenwood',
    email: 'admin@greenwood.test',
    secret: DEMO_TOTP_SECRET,
  });
}, 120_000);

describe('school settings', () => {
  it('lets an admin change the address and the logo, and the header shows the new logo', async () => {
    // The demo school has a crest already; the header shows it.
    const headerLogo = page.getByTestId('institution-logo');
    await headerLogo.waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'School settings' }).click();
    await page.getByRole('heading', { name: 'School settings', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'School profile' }).waitFor();

    const line1 = page.getByRole('textbox', { name: 'Address line 1' });
    expect(await line1.inputValue()).toBe('14, 4th Cross, HAL 2nd Stage');
    await line1.fill('22, 5th Main, Jayanagar 4th Block');
    await page.getByRole('textbox', { name: 'PIN code' }).fill('56');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Give a PIN code such as 560001').waitFor();
    await page.getByRole('textbox', { name: 'PIN code' }).fill('560011');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('School profile saved.').waitFor();

    await page.locator('input[type="file"]').setInputFiles({
      name: 'orange.png',
      mimeType: 'image/png',
      buffer: orangeSquare(),
    });
    await page.getByText('Logo saved.').waitFor();
    await page.getByText('40 × 40 px, 1 KB').waitFor();
    // The header's logo is the new one (40 px wide as an image; the demo crest is 96).
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="institution-logo"]') as HTMLImageElement | null)
          ?.naturalWidth === 40,
    );

    // Saved on the server: a fresh load shows the new address.
    await page.reload();
    await page.getByRole('heading', { name: 'School profile' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Address line 1' }).inputValue()).toBe(
      '22, 5th Main, Jayanagar 4th Block',
    );
    const { phoneOverflow } = await captureBothWidths(page, 'settings');
    expect(phoneOverflow).toBeLessThanOrEqual(0);
    expect(withoutSpentCodeRefusals(problems.list(), signIn)).toEqual([]);
  });
});
