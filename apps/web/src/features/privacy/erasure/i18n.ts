import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../../app/i18n/registry';

export const privacyErasureText = {
  restriction: {
    title: 'Restriction of processing',
    on: 'Processing is restricted: no messages except account ones, left out of exports.',
    off: 'Processing is not restricted.',
    apply: 'Apply restriction',
    lift: 'Lift restriction',
  },
  erasure: {
    title: 'Erasure',
    none: 'Start work on the request, then schedule the erasure. The family is told 48 hours before it runs.',
    erase: 'Erase…',
    modalTitle: 'Erase this person’s data',
    intro:
      'Names become “{{pseudonym}}”-style pseudonyms; contacts, national id, consents and the sign-in account are removed. Fee records keep their amounts. The family is notified now, and the erasure runs on {{date}}.',
    confirmLabel: 'Type the full name or admission number to confirm',
    confirmHint: 'Type “{{name}}” exactly.',
    mismatch: 'That does not match the name.',
    submit: 'Schedule erasure',
    scheduled: 'Erasure scheduled for {{date}}; staff can cancel it until then.',
    executed: 'Erased on {{date}}; records now carry “{{pseudonym}}”.',
    cancelled: 'Erasure cancelled on {{date}}.',
    cancel: 'Cancel erasure',
    due: 'The family’s 48-hour notice ran out on {{date}}. The erasure runs with the next hourly job, or now.',
    execute: 'Erase now…',
    executeTitle: 'Erase now?',
    executeIntro:
      'The records are pseudonymised to “{{pseudonym}}” and the contacts, national id, consents and sign-in account are removed. This cannot be undone.',
    executeConfirmLabel: 'Type the full name to confirm',
    executeSubmit: 'Erase now',
  },
  correction: {
    title: 'Correction',
    edit: 'Open the student record to correct it',
    guardianHint: 'Correct the guardian from their student’s record.',
    complete: 'Complete with a note…',
    modalTitle: 'What was corrected?',
    note: 'What was corrected',
    submit: 'Complete request',
    required: 'Say what was corrected.',
  },
};

export function usePrivacyErasureText() {
  return useTranslation('privacyErasure').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('privacyErasure', privacyErasureText);
