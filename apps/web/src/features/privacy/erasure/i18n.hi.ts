import type { Translation } from '../../../app/i18n/translation';
import type { privacyErasureText } from './i18n';

/** Hindi (hi) strings of the privacyErasure namespace; same keys and {{variables}} as ./i18n.ts. */
export const privacyErasureTextHi: Translation<typeof privacyErasureText> = {
  restriction: {
    title: 'प्रसंस्करण पर रोक',
    on: 'प्रसंस्करण पर रोक लगी है: खाते से जुड़े संदेशों के अलावा कोई संदेश नहीं, निर्यात में शामिल नहीं।',
    off: 'प्रसंस्करण पर कोई रोक नहीं है।',
    apply: 'रोक लगाएँ',
    lift: 'रोक हटाएँ',
  },
  erasure: {
    title: 'मिटाना',
    none: 'अनुरोध पर काम शुरू करें, फिर मिटाना निर्धारित करें। चलने से 48 घंटे पहले परिवार को सूचना दी जाती है।',
    erase: 'मिटाएँ…',
    modalTitle: 'इस व्यक्ति का डेटा मिटाएँ',
    intro:
      'नाम “{{pseudonym}}” जैसे छद्म नामों में बदल जाते हैं; संपर्क, राष्ट्रीय पहचान, सहमतियाँ और साइन-इन खाता हटा दिए जाते हैं। शुल्क रिकॉर्ड अपनी राशियाँ रखते हैं। परिवार को अभी सूचित किया जाता है, और मिटाना {{date}} को चलेगा।',
    confirmLabel: 'पुष्टि के लिए पूरा नाम या प्रवेश संख्या लिखें',
    confirmHint: '“{{name}}” ठीक वैसा ही लिखें।',
    mismatch: 'यह नाम से मेल नहीं खाता।',
    submit: 'मिटाना निर्धारित करें',
    scheduled: 'मिटाना {{date}} के लिए निर्धारित है; तब तक कर्मचारी इसे रद्द कर सकते हैं।',
    executed: '{{date}} को मिटाया गया; रिकॉर्ड अब “{{pseudonym}}” नाम रखते हैं।',
    cancelled: 'मिटाना {{date}} को रद्द किया गया।',
    cancel: 'मिटाना रद्द करें',
  },
  correction: {
    title: 'सुधार',
    edit: 'सुधार के लिए छात्र का रिकॉर्ड खोलें',
    guardianHint: 'अभिभावक को उनके छात्र के रिकॉर्ड से सुधारें।',
    complete: 'टिप्पणी के साथ पूरा करें…',
    modalTitle: 'क्या सुधारा गया?',
    note: 'क्या सुधारा गया',
    submit: 'अनुरोध पूरा करें',
    required: 'बताएँ कि क्या सुधारा गया।',
  },
};
