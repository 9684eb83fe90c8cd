import type { Translation } from '../../app/i18n/translation';
import type { healthText } from './i18n';

/** Hindi strings of the health screens: the 'health' namespace in `hi` (app/i18n/resources.ts). */
export const healthTextHi: Translation<typeof healthText> = {
  title: 'सिस्टम की स्थिति',
  ok: 'सभी सिस्टम ठीक से चल रहे हैं',
  unavailable: 'कुछ सेवाएँ उपलब्ध नहीं हैं',
  checkedAt: '{{time}} पर जाँचा गया',
  checkLine: '{{name}}: {{state}}',
  check: {
    up: 'चालू',
    down: 'बंद',
    not_configured: 'कॉन्फ़िगर नहीं है',
  },
};
