import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';

/** Resources are bundled, so initialisation is synchronous and t() works on the first render. */
export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: ['en'],
    resources: { en: { translation: en } },
    initAsync: false,
    // React escapes text itself (APP-03: the SPA never injects HTML).
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export const i18n = createI18n();
