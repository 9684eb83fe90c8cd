import i18next, { type i18n as I18n, type ParseKeys } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { detectLanguage, setFormattingLanguage, type Language } from './language';
import { languages, resources, type Namespace } from './resources';

export type { Namespace } from './resources';

/**
 * A key of namespace `Ns` (or of the shared `translation` namespace it falls back to). For the few keys
 * that are built at run time, such as a zod message or `method.${payment.method}`.
 */
export type TextKey<Ns extends Namespace = 'translation'> = ParseKeys<Ns>;

/** The page follows the language: `<html lang>` for screen readers and fonts, and Intl formatting. */
function followLanguage(language: string): void {
  setFormattingLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/**
 * Resources are bundled, so initialisation is synchronous and t() works on the first render. The
 * language is the stored or detected one unless given (language.ts).
 */
export function createI18n(language: Language = detectLanguage()): I18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', followLanguage);
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: languages,
    resources,
    ns: Object.keys(resources.en),
    defaultNS: 'translation',
    fallbackNS: 'translation',
    initAsync: false,
    // React escapes text itself (APP-03: the SPA never injects HTML).
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  followLanguage(instance.language);
  return instance;
}

export const i18n = createI18n();
