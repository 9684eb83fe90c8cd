import type { Translation } from '../../../app/i18n/translation';
import type { privacyConsentText } from './i18n';

/** Hindi (hi) strings of the privacyConsent namespace; same keys and {{variables}} as ./i18n.ts. */
export const privacyConsentTextHi: Translation<typeof privacyConsentText> = {
  purposes: {
    student_account: 'विद्यार्थी का साइन-इन खाता',
    photo_use: 'फ़ोटो का उपयोग',
    biometric_attendance: 'बायोमेट्रिक उपस्थिति',
  },
  sources: { parent_app: 'अभिभावक ऐप में', paper_form: 'काग़ज़ी फ़ॉर्म पर' },
  mine: {
    title: 'आपके बच्चों के लिए सहमति',
    help: '18 वर्ष से कम आयु के बच्चे का साइन-इन खाता बनाने, उसकी फ़ोटो का उपयोग करने या बायोमेट्रिक उपस्थिति लेने से पहले स्कूल को आपकी सहमति चाहिए। आप इसे कभी भी वापस ले सकते हैं; खाते की सहमति वापस लेने पर बच्चे का साइन-इन बंद हो जाता है।',
    empty: 'आपके खाते से कोई बच्चा जुड़ा नहीं है।',
    switch: '{{name}} के लिए {{purpose}}',
    failed: 'सहमति सहेजी नहीं जा सकी',
  },
  history: {
    title: 'इतिहास',
    show: 'इतिहास दिखाएँ',
    hide: 'इतिहास छिपाएँ',
    empty: 'अभी कोई सहमति दर्ज नहीं है।',
    granted: 'दी गई',
    withdrawn: 'वापस ली गई',
    entry: '{{action}}: {{purpose}}, {{how}}, {{guardian}} द्वारा, {{date}} को',
    reference: 'फ़ॉर्म {{ref}}',
    unknownGuardian: 'एक पूर्व अभिभावक',
  },
  staff: {
    title: 'अभिभावक की सहमति',
    granted: 'दी गई',
    notGiven: 'नहीं दी गई',
    adult: '18 वर्ष या अधिक आयु: अपने खाते के लिए अभिभावक की सहमति आवश्यक नहीं है।',
    blocked:
      'अभी खाता नहीं बनाया जा सकता: विद्यार्थी 18 वर्ष से कम है और किसी अभिभावक ने साइन-इन खाते की सहमति नहीं दी है। अभिभावक से अभिभावक ऐप में सहमति देने को कहें, या उनका हस्ताक्षरित काग़ज़ी फ़ॉर्म दर्ज करें।',
    withdrawnWithAccount:
      'अभिभावक ने खाते की सहमति वापस ले ली है: विद्यार्थी का साइन-इन बंद है। नई सहमति के बाद इसे फिर चालू किया जा सकता है।',
    record: 'काग़ज़ी फ़ॉर्म दर्ज करें',
    biometric: 'बायोमेट्रिक उपस्थिति',
    biometricNeedsConsent: 'बायोमेट्रिक उपस्थिति के लिए अभिभावक की सहमति चाहिए।',
    biometricFailed: 'बायोमेट्रिक उपस्थिति बदली नहीं जा सकी',
  },
  paper: {
    title: 'काग़ज़ी सहमति फ़ॉर्म दर्ज करें',
    intro: 'अभिभावक द्वारा हस्ताक्षरित फ़ॉर्म दर्ज करें: वह किस बारे में है, सहमति देता है या वापस लेता है, और उसका संदर्भ।',
    guardian: 'हस्ताक्षरकर्ता',
    purpose: 'किसकी सहमति',
    decision: 'फ़ॉर्म',
    give: 'सहमति देता है',
    withdraw: 'सहमति वापस लेता है',
    reference: 'दस्तावेज़ संदर्भ',
    referenceHint: 'हस्ताक्षरित फ़ॉर्म की संख्या या फ़ाइल संदर्भ, जैसे FORM-2026-017',
    referenceRequired: 'दस्तावेज़ संदर्भ दर्ज करें।',
    guardianRequired: 'हस्ताक्षर करने वाले अभिभावक को चुनें।',
    submit: 'दर्ज करें',
    failed: 'फ़ॉर्म दर्ज नहीं किया जा सका',
  },
};
