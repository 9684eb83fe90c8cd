import { describe, expect, it } from 'vitest';
import { createI18n, loadI18n, type TextKey } from '.';
import { LANGUAGES } from './language';
import { registerNamespace } from './registry';
import { englishResources, NAMESPACES, type EnglishResources } from './resources';
import { hindiResources } from './resources.hi';
import { academicsText } from '../../features/academics/i18n';
import { calendarText } from '../../features/calendar/i18n';
import { circularsText } from '../../features/circulars/i18n';
import { timetableText } from '../../features/timetable/i18n';
import { accountText } from '../../features/account/i18n';
import { attendanceText } from '../../features/attendance/i18n';
import { auditText } from '../../features/audit/i18n';
import { examsText } from '../../features/exams/i18n';
import { feesText } from '../../features/fees/i18n';
import { healthText } from '../../features/health/i18n';
import { notificationsText } from '../../features/notifications/i18n';
import { platformText } from '../../features/platform/i18n';
import { rolesText } from '../../features/roles/i18n';
import { studentsText } from '../../features/students/i18n';
import { usersText } from '../../features/users/i18n';
import { settingsText } from '../../features/settings/i18n';
import { dashboardText } from '../../features/dashboard/i18n';
import { privacyText } from '../../features/privacy/i18n';
import { privacyGrievancesText } from '../../features/privacy/grievances/i18n';
import { privacyIncidentsText } from '../../features/privacy/incidents/i18n';
import { privacyNoticeText } from '../../features/privacy/notice/i18n';
import { offboardingText } from '../../features/platform/offboarding/i18n';
import { privacyRetentionText } from '../../features/privacy/retention/i18n';
import { privacyConsentText } from '../../features/privacy/consent/i18n';
import { privacyErasureText } from '../../features/privacy/erasure/i18n';

/** Every English namespace, as the features register them (typed: a namespace left out does not compile). */
const allEnglish: EnglishResources = {
  ...englishResources,
  academics: academicsText,
  calendar: calendarText,
  circulars: circularsText,
  timetable: timetableText,
  account: accountText,
  attendance: attendanceText,
  audit: auditText,
  exams: examsText,
  fees: feesText,
  health: healthText,
  notifications: notificationsText,
  platform: platformText,
  roles: rolesText,
  students: studentsText,
  users: usersText,
  settings: settingsText,
  dashboard: dashboardText,
  privacy: privacyText,
  privacyGrievances: privacyGrievancesText,
  privacyIncidents: privacyIncidentsText,
  privacyNotice: privacyNoticeText,
  offboarding: offboardingText,
  privacyRetention: privacyRetentionText,
  privacyConsent: privacyConsentText,
  privacyErasure: privacyErasureText,
};

describe('i18n: one namespace per feature', () => {
  const i18n = createI18n('en');

  it('has every English namespace whose feature code has loaded, so no screen waits for its strings', () => {
    for (const ns of Object.keys(allEnglish)) expect(i18n.hasResourceBundle('en', ns)).toBe(true);
    expect([...NAMESPACES].sort()).toEqual(Object.keys(allEnglish).sort());
    expect(i18n.t('tabs.mark', { ns: 'attendance' })).toBe('Mark');
    expect(i18n.t('login.title', { ns: 'auth' })).toBe('Sign in to Shala');
  });

  it("falls back to the shared strings from a feature's namespace", () => {
    const t = i18n.getFixedT('en', 'fees');
    expect(t('common.cancel')).toBe('Cancel');
    expect(t('title')).toBe('Fees');
  });

  it('adds a namespace registered after the instance exists (a lazy route loading its strings)', () => {
    const late = createI18n('en');
    expect(late.hasResourceBundle('en', 'lateFeature')).toBe(false);
    registerNamespace('lateFeature', { hello: 'Hello' });
    expect(late.getResource('en', 'lateFeature', 'hello')).toBe('Hello');
  });

  it('keeps feature strings out of the bundled English (they travel with their routes)', () => {
    expect(Object.keys(englishResources)).not.toContain('fees');
    expect(Object.keys(englishResources)).toContain('auth');
  });

  it('loads Hindi only when asked, every namespace at once, so an English page does not download it', async () => {
    const english = createI18n('en');
    expect(english.hasResourceBundle('hi', 'translation')).toBe(false);
    await english.changeLanguage('hi');
    for (const ns of NAMESPACES) expect(english.hasResourceBundle('hi', ns)).toBe(true);
    expect(english.t('common.cancel')).toBe('रद्द करें');
  });

  it('starts a Hindi page with its strings in, so the first render is not English', async () => {
    const hindi = await loadI18n('hi');
    expect(hindi.language).toBe('hi');
    expect(hindi.t('login.title', { ns: 'auth' })).toBe('Shala में साइन इन करें');
  });

  it('speaks Hindi in every namespace, shared strings included', async () => {
    await i18n.loadLanguages('hi');
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
    expect([...LANGUAGES].sort()).toEqual(['en', 'hi']);
  });

  it('has every key of every namespace in Hindi and English, none empty, with the same {{variables}}', () => {
    expect(
      catalogueProblems(
        allEnglish as unknown as Record<string, unknown>,
        hindiResources as unknown as Record<string, unknown>,
        'hi',
      ),
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
