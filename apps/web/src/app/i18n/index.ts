import i18next, { type BackendModule, type i18n as I18n, type ParseKeys } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { detectLanguage, LANGUAGES, setFormattingLanguage, type Language } from './language';
import { onNamespace, registeredNamespace } from './registry';
import { englishResources, NAMESPACES, type Namespace } from './resources';

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
 * English is bundled, or registered by a feature's code as it loads (registry.ts); Hindi (43 KB gzip) is fetched by import() the first time i18next needs it: at start
 * when the page speaks Hindi, or when the user switches. One chunk holds every Hindi namespace, so the
 * reads of all namespaces share one request. i18next switches the language only once the strings are in,
 * so the page never shows a half-English screen; if the chunk cannot be fetched, English stays.
 */
const lazyCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    if (language !== 'hi') {
      // A feature namespace whose code has not loaded yet is empty until it registers.
      const bundled = englishResources[namespace as keyof typeof englishResources];
      callback(null, bundled ?? registeredNamespace(namespace) ?? {});
      return;
    }
    import('./resources.hi').then(
      ({ hindiResources }) => callback(null, hindiResources[namespace as Namespace] ?? {}),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

function initI18n(language: Language): { instance: I18n; ready: Promise<unknown> } {
  const instance = i18next.createInstance();
  instance.on('languageChanged', followLanguage);
  const ready = instance
    .use(lazyCatalogues)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: LANGUAGES,
      // A copy: i18next writes the namespaces that features register into its store.
      resources: { en: { ...englishResources } },
      // English is bundled; other languages come from lazyCatalogues.
      partialBundledLanguages: true,
      ns: NAMESPACES,
      defaultNS: 'translation',
      fallbackNS: 'translation',
      initAsync: false,
      // React escapes text itself (APP-03: the SPA never injects HTML).
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  onNamespace((namespace, english) => instance.addResourceBundle('en', namespace, english, true, true));
  followLanguage(instance.language);
  return { instance, ready };
}

/**
 * An i18n instance speaking `language` (the stored or detected one unless given, language.ts). English
 * works on the first render; a Hindi instance speaks Hindi once its catalogue is in (use loadI18n to wait).
 */
export function createI18n(language: Language = detectLanguage()): I18n {
  return initI18n(language).instance;
}

/** An i18n instance whose language's strings are loaded: the app renders only then (main.tsx). */
export async function loadI18n(language: Language = detectLanguage()): Promise<I18n> {
  const { instance, ready } = initI18n(language);
  await ready;
  return instance;
}
