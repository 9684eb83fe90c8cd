import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../../app/i18n/registry';

export const privacyNoticeText = {
  tab: 'Notice',
  status: { draft: 'Draft', published: 'Published', current: 'In force' },
  panel: {
    intro:
      'The privacy notice parents accept at their next sign-in after you publish a new version. Published versions never change; start a new draft to change the notice.',
    none: 'No version yet. Write the first draft.',
    newDraft: 'New draft',
    edit: 'Edit draft',
    publish: 'Publish',
    view: 'Read',
    versionLabel: 'Version {{version}}',
    publishedOn: 'Published {{date}}',
    updatedOn: 'Last edited {{date}}',
    acceptances_one: 'Accepted by {{count}} user',
    acceptances_other: 'Accepted by {{count}} users',
    publicLink: 'Public page: {{url}}',
    published: 'Version {{version}} is now in force. Parents will be asked to accept it.',
    saved: 'Draft saved.',
  },
  editor: {
    titleNew: 'New draft of the privacy notice',
    titleEdit: 'Edit draft version {{version}}',
    bodyEn: 'Notice in English',
    bodyHi: 'Notice in Hindi (optional)',
    bodyHelp: 'Plain text. A blank line starts a paragraph, "# " a heading and "- " a list item.',
    contact: 'Contact for privacy questions',
    contactHelp: 'The grievance officer or office: name, email and phone.',
    required: 'Required',
    save: 'Save draft',
  },
  confirmPublish: {
    title: 'Publish version {{version}}?',
    body: 'It cannot be changed after publishing, and every parent must accept it at their next sign-in.',
    confirm: 'Publish',
  },
  reader: {
    contact: 'Contact',
    version: 'Version {{version}}, published {{date}}',
    language: 'Language',
    english: 'English',
    hindi: 'हिन्दी',
  },
  gate: {
    title: 'Privacy notice of {{school}}',
    intro:
      'Please read how the school uses your family’s data. You can read it again any time under My data.',
    accept: 'I have read and accept',
    signOut: 'Sign out',
  },
  mine: {
    title: 'Privacy notice',
    none: 'The school has not published a privacy notice yet.',
    acceptedOn: 'You accepted version {{version}} on {{date}}.',
    read: 'Read the privacy notice',
    close: 'Close',
  },
  public: {
    provider: 'Provider',
    purpose: 'Purpose',
    location: 'Where',
    status: 'Status',
    title: 'Privacy at {{school}}',
    noNotice: 'This school has not published a privacy notice yet.',
    processing: 'Records of processing',
    processingIntro: 'What the school keeps, why, for whom and for how long.',
    subProcessors: 'Service providers (sub-processors)',
    inUse: 'In use',
    notInUse: 'Not in use',
    retention: 'Kept',
    notFound: 'There is no school at this address.',
    signIn: 'Sign in',
  },
};

export function usePrivacyNoticeText() {
  return useTranslation('privacyNotice').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('privacyNotice', privacyNoticeText);
