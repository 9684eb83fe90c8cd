import type { ConsoleMessage, Page, Response } from 'playwright-core';

/**
 * Collects what went wrong in the page: console errors, uncaught exceptions and failed HTTP answers.
 * Only one failure is expected on a signed-out page: the silent session restore at start-up, whose
 * POST /api/v1/auth/refresh answers 401 (no cookie) — or 404 while the API has no such route.
 */
export interface PageProblems {
  list(): string[];
}

const REFRESH_PATH = '/api/v1/auth/refresh';

function isExpectedRefreshFailure(url: string, status: number): boolean {
  return new URL(url).pathname === REFRESH_PATH && (status === 401 || status === 404);
}

export function watchPage(page: Page): PageProblems {
  const problems: string[] = [];

  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const url = message.location().url;
    const failedLoad = /^Failed to load resource: the server responded with a status of (\d+)/.exec(text);
    if (failedLoad && url && isExpectedRefreshFailure(url, Number(failedLoad[1]))) return;
    problems.push(`console error: ${text}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error: Error) => problems.push(`uncaught: ${error.message}`));
  page.on('response', (response: Response) => {
    const status = response.status();
    if (status < 400 || isExpectedRefreshFailure(response.url(), status)) return;
    problems.push(`HTTP ${status}: ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // A navigation or reload cancels the previous page's requests (favicon, prefetches): not a failure.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(
      `request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? '?'})`,
    );
  });

  return { list: () => [...problems] };
}
