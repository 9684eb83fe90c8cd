import '@testing-library/jest-dom/vitest';
import { notifications } from '@mantine/notifications';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Screens are lazy route chunks: the first test of a file waits for a cold import, which takes longer than
// the default 1 s of findBy*/waitFor on a busy machine. 5 s keeps those tests from flaking.
configure({ asyncUtilTimeout: 5_000 });

// Browser APIs Mantine uses that jsdom does not implement. Tests run as a user who prefers reduced
// motion: Mantine then opens and closes modals and menus without transition timers, which could
// otherwise fire after a test file's jsdom window is gone.
if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: query.includes('prefers-reduced-motion: reduce'),
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  });
}

if (!window.ResizeObserver) {
  window.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;

// Downloads (recovery codes, audit exports) go through object URLs, which jsdom does not implement.
if (!URL.createObjectURL) URL.createObjectURL = () => 'blob:shala-test';
if (!URL.revokeObjectURL) URL.revokeObjectURL = () => undefined;

afterEach(() => {
  cleanup();
  // Toasts live in a module-level store: one test's must not show up in the next test's page.
  notifications.clean();
  window.localStorage.clear();
  window.sessionStorage.clear();
});
