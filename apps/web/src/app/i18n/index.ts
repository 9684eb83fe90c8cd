import i18next, { type i18n as I18n, type ParseKeys } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, resources, type Namespace } from './resources';

export type { Namespace } from './resources';

/**
 * A key of namespace `Ns` (or of the shared `translation` namespace it falls back to). For the few keys
 * that are built at run time, such as a zod message or `method.${payment.method}`.
 */
export type TextKey<Ns extends Namespace = 'translation'> = ParseKeys<Ns>;

/** Resources are bundled, so initialisation is synchronous and t() works on the first render. */
export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: 'en',
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
  return instance;
}

export const i18n = createI18n();
