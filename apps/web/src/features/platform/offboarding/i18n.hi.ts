import type { Translation } from '../../../app/i18n/translation';
import type { offboardingText } from './i18n';

/** Hindi strings of the operator's offboarding flow. */
export const offboardingTextHi: Translation<typeof offboardingText> = {
  title: 'ऑफ़बोर्डिंग',
  intro:
    'जाने वाले विद्यालय को समाप्त करें: साइन-इन तुरंत रुक जाते हैं, उसका पूरा निर्यात विद्यालय व्यवस्थापक के पासफ़्रेज़ से एन्क्रिप्ट होता है, और संग्रहण अवधि के बाद उसका डेटा मिटा दिया जाता है।',
  terminate: 'विद्यालय समाप्त करें',
  terminateTitle: '{{name}} समाप्त करें',
  terminateWarning:
    '{{name}} में अब कोई साइन इन नहीं कर सकेगा और सभी सत्र अभी समाप्त होंगे। इसे वापस नहीं किया जा सकता। संग्रहण अवधि के बाद विद्यालय की हर पंक्ति, कुंजी और डिलीवरी रिकॉर्ड मिटा दिया जाता है।',
  school: 'विद्यालय',
  schoolPlaceholder: 'विद्यालय चुनें',
  confirmName: 'पुष्टि के लिए विद्यालय का नाम लिखें',
  confirmNameDescription: 'ठीक यही: {{name}}',
  confirmMismatch: 'नाम मेल नहीं खाता',
  retentionDays: 'डेटा कितने दिन रखें',
  retentionDescription: '30 से 90 दिन; फिर सब कुछ मिटा दिया जाता है',
  passphrase: 'निर्यात पासफ़्रेज़',
  passphraseDescription:
    'विद्यालय व्यवस्थापक द्वारा चुना गया, कम से कम 12 अक्षर। यह कभी संग्रहीत नहीं होता: इसे केवल विद्यालय को दें।',
  passphraseAgain: 'पासफ़्रेज़ दोबारा',
  passphraseMismatch: 'पासफ़्रेज़ अलग हैं',
  passphraseShort: 'कम से कम 12 अक्षर',
  submit: 'समाप्त करें',
  terminated: '{{name}} समाप्त हो गया; उसका निर्यात बन रहा है।',
  failed: 'यह नहीं हो सका',
  empty: 'कोई विद्यालय समाप्त नहीं किया गया है।',
  scheduleLabel: 'समाप्त विद्यालय',
  column: {
    school: 'विद्यालय',
    export: 'निर्यात',
    purge: 'मिटाना',
    actions: 'कार्य',
  },
  exportStatus: {
    running: 'निर्यात बन रहा है… {{total}} में से {{done}}',
    done: 'तैयार ({{size}} KB, {{seconds}} सेकंड)',
    failed: 'विफल',
    purged: 'मिटाने के साथ हटा दिया गया',
  },
  purgeOn: '{{date}} को या उसके बाद',
  purgedOn: '{{date}} को मिटाया गया',
  download: 'डाउनलोड',
  downloadLabel: '{{name}} का निर्यात डाउनलोड करें',
  restart: 'फिर से बनाएँ',
  restartTitle: '{{name}} का निर्यात फिर से बनाएँ',
  restartSubmit: 'निर्यात बनाएँ',
  purgeNow: 'अभी मिटाएँ',
  purgeLabel: '{{name}} को अभी मिटाएँ',
  purgeTitle: '{{name}} मिटाएँ?',
  purgeBody:
    '{{name}} की हर पंक्ति, उसकी एन्क्रिप्शन कुंजियाँ और डिलीवरी रिकॉर्ड हमेशा के लिए मिटा दिए जाते हैं। एक विलोपन प्रमाणपत्र रखा जाता है।',
  purged: '{{name}} मिटा दिया गया: {{rows}} पंक्तियाँ हटाई गईं।',
  certificates: 'विलोपन प्रमाणपत्र',
  certificatesEmpty: 'अभी तक कोई विद्यालय मिटाया नहीं गया है।',
  certificateLine: '{{tables}} तालिकाओं में {{rows}} पंक्तियाँ · समाप्त {{terminated}} · मिटाया {{purged}}',
  certificatesLabel: 'विलोपन प्रमाणपत्र',
};
