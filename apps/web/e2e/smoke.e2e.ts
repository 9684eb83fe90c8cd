import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/use-browser';
import { baseURL } from './support/context';
import { resultsDir } from './support/paths';

const browser = useBrowser();

async function openPage(viewport = { width: 1280, height: 800 }) {
  return browser.open({ viewport });
}

describe('smoke', () => {
  it('loads the index page with the login form', async () => {
    const { page, problems } = await openPage();
    const response = await page.goto(`${baseURL()}/`);
    expect(response?.status()).toBe(200);

    await page.getByRole('heading', { name: 'Sign in to Shala' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.getByRole('textbox', { name: /^Institution/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('textbox', { name: /^Email/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel(/^Password/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Sign in' }).isEnabled()).resolves.toBe(true);

    await page.screenshot({ path: join(resultsDir, 'login-desktop.png'), fullPage: true });
    expect(problems.list()).toEqual([]);
  });

  it('sends a deep link to the login page, remembering where it was going', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${baseURL()}/students?class=7`);

    await page.getByRole('heading', { name: 'Sign in to Shala' }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('next')).toBe('/students?class=7');
    expect(problems.list()).toEqual([]);
  });

  it('fits a 360 px wide phone screen', async () => {
    const { page, problems } = await openPage({ width: 360, height: 740 });
    await page.goto(`${baseURL()}/login`);
    await page.getByRole('heading', { name: 'Sign in to Shala' }).waitFor();

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, 'login-360.png') });
    expect(problems.list()).toEqual([]);
  });

  it('ships an index.html without inline script (APP-04)', async () => {
    const response = await fetch(`${baseURL()}/`);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
  });
});
