import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { watchPage, type PageProblems } from './console';
import { resultsDir } from './paths';

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and failed HTTP answers of this page. */
  problems: PageProblems;
}

export interface FileBrowser {
  /**
   * A new browser context (viewport, touch, downloads…) with one watched page. It is closed after the
   * test that opened it, or with `keep: 'file'` when the file ends (a sign-in its tests share).
   */
  open(options?: BrowserContextOptions, keep?: 'test' | 'file'): Promise<OpenedPage>;
}

/**
 * The opening every browser test file shares: one Debian Chromium for the file (launched before its
 * tests, closed after them), the results folder for screenshots, and contexts that close themselves.
 * Call it at the top level of the file, before the file's own beforeAll.
 */
export function useBrowser(): FileBrowser {
  let browser: Browser | undefined;
  const perTest: BrowserContext[] = [];
  const perFile: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(resultsDir, { recursive: true });
  });
  afterEach(async () => {
    for (const context of perTest.splice(0)) await context.close();
  });
  afterAll(async () => {
    for (const context of perFile.splice(0)) await context.close();
    await browser?.close();
  });

  return {
    async open(options = {}, keep = 'test') {
      if (!browser) throw new Error('useBrowser(): open() runs in a test or a beforeAll, after the launch');
      const context = await browser.newContext(options);
      (keep === 'file' ? perFile : perTest).push(context);
      const page = await context.newPage();
      return { context, page, problems: watchPage(page) };
    },
  };
}
