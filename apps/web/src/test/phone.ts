import { vi } from 'vitest';

/** Makes max-width media queries match, as on a 360 px phone (usePhoneLayout turns true). */
export function givenPhoneScreen(): void {
  vi.spyOn(window, 'matchMedia').mockImplementation((query: string) => ({
    matches: /max-width/.test(query),
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }));
}
