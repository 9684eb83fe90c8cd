import type { Translation } from '../../../app/i18n/translation';
import type { privacyNoticeText } from './i18n';

/** Hindi (hi) strings of the privacyNotice namespace; same keys and {{variables}} as ./i18n.ts. */
export const privacyNoticeTextHi: Translation<typeof privacyNoticeText> = {
  tab: 'सूचना',
  status: { draft: 'मसौदा', published: 'प्रकाशित', current: 'लागू' },
  panel: {
    intro:
      'गोपनीयता सूचना, जिसे नया संस्करण प्रकाशित होने के बाद अभिभावक अपने अगले साइन-इन पर स्वीकार करते हैं। प्रकाशित संस्करण कभी नहीं बदलते; सूचना बदलने के लिए नया मसौदा बनाएँ।',
    none: 'अभी कोई संस्करण नहीं है। पहला मसौदा लिखें।',
    newDraft: 'नया मसौदा',
    edit: 'मसौदा संपादित करें',
    publish: 'प्रकाशित करें',
    view: 'पढ़ें',
    versionLabel: 'संस्करण {{version}}',
    publishedOn: '{{date}} को प्रकाशित',
    updatedOn: 'अंतिम संपादन {{date}}',
    acceptances_one: '{{count}} उपयोगकर्ता ने स्वीकार किया',
    acceptances_other: '{{count}} उपयोगकर्ताओं ने स्वीकार किया',
    publicLink: 'सार्वजनिक पृष्ठ: {{url}}',
    published: 'संस्करण {{version}} अब लागू है। अभिभावकों से इसे स्वीकार करने को कहा जाएगा।',
    saved: 'मसौदा सहेजा गया।',
  },
  editor: {
    titleNew: 'गोपनीयता सूचना का नया मसौदा',
    titleEdit: 'मसौदा संस्करण {{version}} संपादित करें',
    bodyEn: 'अंग्रेज़ी में सूचना',
    bodyHi: 'हिन्दी में सूचना (वैकल्पिक)',
    bodyHelp: 'सादा पाठ। खाली पंक्ति से नया अनुच्छेद, "# " से शीर्षक और "- " से सूची का बिंदु।',
    contact: 'गोपनीयता संबंधी प्रश्नों के लिए संपर्क',
    contactHelp: 'शिकायत अधिकारी या कार्यालय: नाम, ईमेल और फ़ोन।',
    required: 'आवश्यक',
    save: 'मसौदा सहेजें',
  },
  confirmPublish: {
    title: 'संस्करण {{version}} प्रकाशित करें?',
    body: 'प्रकाशन के बाद इसे बदला नहीं जा सकता, और हर अभिभावक को अपने अगले साइन-इन पर इसे स्वीकार करना होगा।',
    confirm: 'प्रकाशित करें',
  },
  reader: {
    contact: 'संपर्क',
    version: 'संस्करण {{version}}, {{date}} को प्रकाशित',
    language: 'भाषा',
    english: 'English',
    hindi: 'हिन्दी',
  },
  gate: {
    title: '{{school}} की गोपनीयता सूचना',
    intro:
      'कृपया पढ़ें कि विद्यालय आपके परिवार के डेटा का उपयोग कैसे करता है। आप इसे कभी भी "मेरा डेटा" में दोबारा पढ़ सकते हैं।',
    accept: 'मैंने पढ़ लिया है और स्वीकार करता/करती हूँ',
    signOut: 'साइन आउट',
  },
  mine: {
    title: 'गोपनीयता सूचना',
    none: 'विद्यालय ने अभी कोई गोपनीयता सूचना प्रकाशित नहीं की है।',
    acceptedOn: 'आपने संस्करण {{version}} को {{date}} को स्वीकार किया।',
    read: 'गोपनीयता सूचना पढ़ें',
    close: 'बंद करें',
  },
  public: {
    provider: 'प्रदाता',
    purpose: 'उद्देश्य',
    location: 'कहाँ',
    status: 'स्थिति',
    title: '{{school}} में गोपनीयता',
    noNotice: 'इस विद्यालय ने अभी कोई गोपनीयता सूचना प्रकाशित नहीं की है।',
    processing: 'प्रसंस्करण के अभिलेख',
    processingIntro: 'विद्यालय क्या रखता है, क्यों, किसके लिए और कितने समय तक।',
    subProcessors: 'सेवा प्रदाता (उप-प्रसंस्करणकर्ता)',
    inUse: 'उपयोग में',
    notInUse: 'उपयोग में नहीं',
    retention: 'अवधि',
    notFound: 'इस पते पर कोई विद्यालय नहीं है।',
    signIn: 'साइन इन करें',
  },
};
