import type { Translation } from '../../app/i18n/translation';
import type { settingsText } from './i18n';

/** Hindi (hi) strings of the settings namespace; same keys and {{variables}} as ./i18n.ts. */
export const settingsTextHi: Translation<typeof settingsText> = {
  title: 'विद्यालय सेटिंग्स',
  intro:
    'रसीदों, रिपोर्ट कार्ड और पेज के ऊपर दिखने वाला नाम, पता और लोगो; शैक्षणिक वर्ष; साप्ताहिक अवकाश और उपस्थिति लॉक का समय।',
  profile: {
    title: 'विद्यालय प्रोफ़ाइल',
    help: 'फ़ीस रसीदों, रिपोर्ट कार्ड और प्रवेश पत्रों के ऊपर छपता है।',
    name: 'विद्यालय का नाम',
    timeZone: 'समय क्षेत्र',
    timeZoneHelp: 'विद्यालय के दिन, देय तिथियाँ और उपस्थिति लॉक इसी समय क्षेत्र से चलते हैं।',
    addressLine1: 'पता पंक्ति 1',
    addressLine2: 'पता पंक्ति 2',
    city: 'शहर',
    state: 'राज्य',
    postalCode: 'पिन कोड',
    phone: 'फ़ोन',
    email: 'ईमेल',
    website: 'वेबसाइट',
    save: 'प्रोफ़ाइल सहेजें',
    saved: 'विद्यालय प्रोफ़ाइल सहेजी गई।',
  },
  logo: {
    title: 'लोगो',
    help: 'अधिकतम 256 KB की PNG या JPEG छवि। यह रसीदों, रिपोर्ट कार्ड और हर पेज के ऊपर दिखता है।',
    upload: 'लोगो अपलोड करें',
    replace: 'लोगो बदलें',
    remove: 'लोगो हटाएँ',
    none: 'अभी कोई लोगो नहीं: रिपोर्ट कार्ड पर विद्यालय के नाम के आद्याक्षर छपते हैं।',
    preview: '{{name}} का लोगो',
    size: '{{width}} × {{height}} px, {{kb}} KB',
    uploaded: 'लोगो सहेजा गया।',
    removed: 'लोगो हटाया गया।',
    tooBig: 'अधिकतम 256 KB की छवि चुनें।',
    wrongType: 'PNG या JPEG छवि चुनें।',
  },
  receipt: {
    title: 'फ़ीस रसीदें',
    footer: 'रसीद का फ़ुटर',
    footerHelp: 'हर फ़ीस रसीद के नीचे छपता है, जैसे फ़ीस वापसी की नीति।',
    save: 'फ़ुटर सहेजें',
    saved: 'रसीद का फ़ुटर सहेजा गया।',
  },
  years: { title: 'शैक्षणिक वर्ष' },
  attendance: { title: 'साप्ताहिक अवकाश और उपस्थिति लॉक का समय' },
  errors: {
    name: '2 से 200 अक्षरों का नाम दें',
    timeZone: 'Asia/Kolkata जैसा समय क्षेत्र दें',
    postalCode: '560001 जैसा पिन कोड दें',
    phone: '+91 80 2345 6789 जैसा फ़ोन नंबर दें',
    email: 'office@school.in जैसा ईमेल पता दें',
    website: 'https:// से शुरू होने वाला वेब पता दें',
    tooLong: 'बहुत लंबा: अधिकतम {{max}} अक्षर',
  },
};
