import { describe, expect, it } from 'vitest';
import { createI18n, type TextKey } from '.';
import { englishResources } from './resources';

describe('i18n: one namespace per feature', () => {
  const i18n = createI18n();

  it('registers every feature namespace at start, so no screen waits for its strings', () => {
    for (const ns of Object.keys(englishResources)) {
      expect(i18n.hasResourceBundle('en', ns)).toBe(true);
    }
    expect(i18n.t('tabs.mark', { ns: 'attendance' })).toBe('Mark');
    expect(i18n.t('login.title', { ns: 'auth' })).toBe('Sign in to Shala');
  });

  it("falls back to the shared strings from a feature's namespace", () => {
    const t = i18n.getFixedT('en', 'fees');
    expect(t('common.cancel')).toBe('Cancel');
    expect(t('title')).toBe('Fees');
  });

  it('types the keys: an unknown key does not compile', () => {
    const t = i18n.getFixedT('en', 'students');
    // Compile-time check (tsc runs over tests): drop the directive and the type check fails.
    // @ts-expect-error 'list.nope' is no key of the students namespace nor of the shared one
    expect(t('list.nope')).toBe('list.nope');
    const key: TextKey<'students'> = 'list.table';
    expect(t(key)).toBe('Students');
  });
});
