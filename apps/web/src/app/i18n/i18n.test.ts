import { describe, expect, it } from 'vitest';
import { createI18n, type TextKey } from '.';
import { englishResources, hindiResources, resources } from './resources';

describe('i18n: one namespace per feature', () => {
  const i18n = createI18n('en');

  it('registers every feature namespace at start, so no screen waits for its strings', () => {
    for (const ns of Object.keys(englishResources)) {
      expect(i18n.hasResourceBundle('en', ns)).toBe(true);
      expect(i18n.hasResourceBundle('hi', ns)).toBe(true);
    }
    expect(i18n.t('tabs.mark', { ns: 'attendance' })).toBe('Mark');
    expect(i18n.t('login.title', { ns: 'auth' })).toBe('Sign in to Shala');
  });

  it("falls back to the shared strings from a feature's namespace", () => {
    const t = i18n.getFixedT('en', 'fees');
    expect(t('common.cancel')).toBe('Cancel');
    expect(t('title')).toBe('Fees');
  });

  it('speaks Hindi in every namespace, shared strings included', () => {
    const t = i18n.getFixedT('hi', 'auth');
    expect(t('login.title')).toBe('Shala में साइन इन करें');
    expect(t('common.cancel')).toBe('रद्द करें');
    expect(i18n.getFixedT('hi', 'roles')('holders', { count: 2 })).toBe('2 उपयोगकर्ता');
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

type Leaves = Map<string, string>;

/** Every string of a catalogue by its dotted key; a value that is neither a string nor an object is kept as such. */
function leavesOf(tree: unknown, prefix = '', into: Leaves = new Map()): Leaves {
  if (typeof tree === 'string') {
    into.set(prefix, tree);
  } else if (typeof tree === 'object' && tree !== null) {
    for (const [key, value] of Object.entries(tree)) leavesOf(value, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, String(tree));
  }
  return into;
}

const variablesOf = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();

/**
 * What a translation gets wrong, namespace by namespace: a key only one language has, an empty string,
 * or a {{variable}} that is not in both (a missing one drops a value from the sentence; an extra one
 * prints "{{name}}"). Empty when the catalogues agree.
 */
function catalogueProblems(
  en: Record<string, unknown>,
  other: Record<string, unknown>,
  language: string,
): string[] {
  const problems: string[] = [];
  for (const ns of new Set([...Object.keys(en), ...Object.keys(other)])) {
    const english = leavesOf(en[ns]);
    const translated = leavesOf(other[ns]);
    for (const key of english.keys())
      if (!translated.has(key)) problems.push(`${ns}:${key} is missing in ${language}`);
    for (const [key, text] of translated) {
      const source = english.get(key);
      if (source === undefined) {
        problems.push(`${ns}:${key} is in ${language} but not in en`);
        continue;
      }
      if (!text.trim()) problems.push(`${ns}:${key} is empty in ${language}`);
      if (!source.trim()) problems.push(`${ns}:${key} is empty in en`);
      const want = variablesOf(source).join(', ');
      const got = variablesOf(text).join(', ');
      if (want !== got) problems.push(`${ns}:${key} has {{${got}}} in ${language}, en has {{${want}}}`);
    }
  }
  return problems;
}

describe('i18n: every language has every string', () => {
  it('has the same languages as the contracts, English and Hindi', () => {
    expect(Object.keys(resources).sort()).toEqual(['en', 'hi']);
  });

  it('has every key of every namespace in Hindi and English, none empty, with the same {{variables}}', () => {
    expect(
      catalogueProblems(englishResources, hindiResources as unknown as Record<string, unknown>, 'hi'),
    ).toEqual([]);
  });

  it('finds a missing key, an extra key, an empty string and a lost variable', () => {
    const en = { auth: { login: { title: 'Sign in', hello: 'Hello {{name}}', gone: 'Gone' } } };
    const hi = { auth: { login: { title: ' ', hello: 'नमस्ते', extra: 'अतिरिक्त' } } };
    expect(catalogueProblems(en, hi, 'hi')).toEqual([
      'auth:login.gone is missing in hi',
      'auth:login.title is empty in hi',
      'auth:login.hello has {{}} in hi, en has {{name}}',
      'auth:login.extra is in hi but not in en',
    ]);
  });
});
