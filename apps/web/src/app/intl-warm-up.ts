import type { IntlWarmUp } from './intl-warm-up.worker';

/**
 * Pays Intl's start-up cost in a worker, off the page's main thread. The first Intl formatter a page
 * builds costs 30-70 ms (Chromium, no CPU slowdown; 4x that on Lighthouse's phone): ICU's data and V8's
 * locale tables are set up on first use, once per renderer process, which a worker of the page shares.
 * Screens meet that cost in their first render (the register's today in the school's time zone, the fees
 * page's amounts), inside one long task; once a worker has built the same kinds of formatter, the main
 * thread's first one takes under 1 ms. Nothing waits for the worker, and nothing breaks without it.
 */
export function warmUpIntl(locales: string[]): void {
  if (typeof Worker !== 'function') return;
  try {
    const worker = new Worker(new URL('./intl-warm-up.worker.ts', import.meta.url), {
      type: 'module',
      name: 'shala-intl-warm-up',
    });
    // Not Intl here, not even to read the browser's time zone: that would be the costly first use.
    const message: IntlWarmUp = {
      // en-CA: the YYYY-MM-DD of school-date.ts.
      locales: [...new Set([...locales, 'en-CA'])],
      // Indian schools' zone (the demo's), and the browser's own (undefined).
      timeZones: ['Asia/Kolkata', undefined],
    };
    worker.postMessage(message);
  } catch {
    // A worker that cannot start leaves the cost where it was.
  }
}
