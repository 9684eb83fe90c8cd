import type { Translation } from '../../../app/i18n/translation';
import type { privacyRetentionText } from './i18n';

/** Hindi (hi) strings of the privacyRetention namespace; same keys and {{variables}} as ./i18n.ts. */
export const privacyRetentionTextHi: Translation<typeof privacyRetentionText> = {
  tab: 'प्रतिधारण',
  policy: {
    title: 'प्रतिधारण नीति',
    intro:
      'सिस्टम ने क्या किया, इसके रिकॉर्ड स्कूल कितने समय तक रखता है। हर दिन एक जॉब इन अवधियों से पुराने रिकॉर्ड हटाता है और नीचे बताता है कि क्या हटाया गया।',
    floor:
      'डीपीडीपी नियम 2025 के अनुसार प्रसंस्करण के लॉग कम से कम एक वर्ष तक रखने होते हैं, इसलिए स्कूल इनके लिए {{min}} दिनों से कम नहीं चुन सकता।',
    processingLogs: 'प्रसंस्करण के लॉग (दिन)',
    processingLogsHelp: 'समाप्त साइन-इन सत्र, उनके डिवाइस और आईपी पते सहित। {{min}}–{{max}} दिन।',
    deliveryRecords: 'संदेश वितरण रिकॉर्ड (दिन)',
    deliveryRecordsHelp:
      'भेजे गए और विफल संदेश, उनकी वितरण रिपोर्ट सहित; न भेजे गए संदेश कभी नहीं हटाए जाते। {{min}}–{{max}} दिन।',
    defaultHint: 'इंस्टॉलेशन का डिफ़ॉल्ट ({{days}} दिन) लेने के लिए खाली छोड़ें।',
    belowFloor: 'प्रसंस्करण के लॉग कम से कम {{min}} दिन रखने होंगे (एक वर्ष, डीपीडीपी नियम 2025)।',
    outOfBounds: '{{min}} से {{max}} तक दिनों की पूर्ण संख्या दर्ज करें।',
    effective: 'लागू: लॉग {{logs}} दिन, वितरण रिकॉर्ड {{deliveries}} दिन।',
    auditEvents: 'ऑडिट घटनाएँ',
    auditEventsKept:
      'जब तक स्कूल शाला का उपयोग करता है तब तक रखी जाती हैं: वे छेड़छाड़-प्रमाणित श्रृंखला बनाती हैं, और सबसे पुरानी हटाने से उसका सत्यापन टूट जाएगा।',
    archives: 'पहुँच अनुरोधों के डेटा संग्रह',
    archivesKept: 'बनने के {{days}} दिन बाद अपने आप हटा दिए जाते हैं।',
    save: 'नीति सहेजें',
    saved: 'प्रतिधारण नीति सहेजी गई।',
  },
  runs: {
    title: 'हाल के रन',
    label: 'प्रतिधारण जॉब के रन',
    empty: 'इस स्कूल के लिए प्रतिधारण जॉब अभी तक नहीं चला है।',
    started: 'शुरू हुआ',
    periods: 'अवधियाँ',
    periodsValue: 'लॉग {{logs}} दि · वितरण {{deliveries}} दि',
    logsDeleted: 'हटाए गए लॉग',
    deliveriesDeleted: 'हटाए गए वितरण रिकॉर्ड',
    status: 'स्थिति',
    statuses: { running: 'चल रहा है', done: 'पूरा', failed: 'विफल' },
  },
};
