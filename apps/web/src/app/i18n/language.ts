import { LOCALES, type Locale } from '@shala/contracts';

/**
 * The language the SPA speaks, and how it is chosen: a signed-out visitor's choice is kept in this
 * browser (localStorage); a signed-in user's is remembered on the server (`locale` of GET /me) and
 * applied after sign-in (features/auth/hooks/use-language.ts). Before anything is chosen the browser's
 * preferred languages decide, then English.
 */
export type Language = Locale;

export const LANGUAGES: readonly Language[] = LOCALES;

export const DEFAULT_LANGUAGE: Language = 'en';

/** localStorage: the last language chosen in this browser. */
export const LANGUAGE_STORAGE_KEY = 'shala.language';

/** sessionStorage: set when a signed-out visitor picks a language, so the next sign-in keeps it. */
const SIGNED_OUT_CHOICE_KEY = 'shala.language.chosen';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window[kind];
  } catch {
    // Storage can be switched off (privacy settings): the choice then lasts for this page only.
    return null;
  }
}

export function storedLanguage(): Language | null {
  const value = storage('localStorage')?.getItem(LANGUAGE_STORAGE_KEY);
  return isLanguage(value) ? value : null;
}

export function storeLanguage(language: Language): void {
  try {
    storage('localStorage')?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // A full or refused storage keeps the choice for this page only.
  }
}

/** The language of a fresh page load: stored choice, else the browser's first Hindi or English. */
export function detectLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

/** Remembers that a signed-out visitor chose `language` (the sign-in that follows saves it for the user). */
export function rememberSignedOutChoice(language: Language): void {
  try {
    storage('sessionStorage')?.setItem(SIGNED_OUT_CHOICE_KEY, language);
  } catch {
    // Without storage the user's saved language wins after sign-in.
  }
}

/** The language a signed-out visitor chose before this sign-in, once; null when they chose none. */
export function takeSignedOutChoice(): Language | null {
  const store = storage('sessionStorage');
  const value = store?.getItem(SIGNED_OUT_CHOICE_KEY);
  store?.removeItem(SIGNED_OUT_CHOICE_KEY);
  return isLanguage(value) ? value : null;
}

/**
 * Dates, numbers and money are formatted in Indian conventions in both languages (1,23,456.00, ₹);
 * format.ts and money.ts read the language of the last i18n instance that changed language.
 */
const INTL_LOCALES: Record<Language, string> = { en: 'en-IN', hi: 'hi-IN' };

let formattingLanguage: Language = DEFAULT_LANGUAGE;

export function setFormattingLanguage(language: string): void {
  formattingLanguage = isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/** The Intl locale of the current language: 'en-IN' or 'hi-IN'. */
export function intlLocale(): string {
  return intlLocaleOf(formattingLanguage);
}

/** The Intl locale a language formats with. */
export function intlLocaleOf(language: Language): string {
  return INTL_LOCALES[language];
}
