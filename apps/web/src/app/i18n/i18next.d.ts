import 'i18next';
import type { EnglishResources } from './resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // A feature's t() also knows the shared keys (common., errors., validation. ...).
    fallbackNS: 'translation';
    resources: EnglishResources;
  }
}
