import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../../app/i18n/registry';

/** English strings of the operator's offboarding flow: the 'offboarding' namespace (app/i18n/resources.ts). */
export const offboardingText = {
  title: 'Offboarding',
  intro:
    'Terminate a school that leaves: sign-ins stop at once, its full export is encrypted with the school admin’s passphrase, and its data is purged after the retention period.',
  terminate: 'Terminate a school',
  terminateTitle: 'Terminate {{name}}',
  terminateWarning:
    'Nobody at {{name}} can sign in again and every session ends now. This cannot be undone. After the retention period every row, key and delivery record of the school is deleted.',
  school: 'School',
  schoolPlaceholder: 'Choose the school',
  confirmName: 'Type the school’s name to confirm',
  confirmNameDescription: 'Exactly: {{name}}',
  confirmMismatch: 'The name does not match',
  retentionDays: 'Keep the data for (days)',
  retentionDescription: 'Between 30 and 90 days; then the purge deletes everything',
  passphrase: 'Export passphrase',
  passphraseDescription:
    'Chosen by the school admin, at least 12 characters. It is never stored: give it only to the school.',
  passphraseAgain: 'Passphrase again',
  passphraseMismatch: 'The passphrases differ',
  passphraseShort: 'At least 12 characters',
  submit: 'Terminate',
  terminated: '{{name}} is terminated; its export is being made.',
  failed: 'That did not work',
  empty: 'No school has been terminated.',
  scheduleLabel: 'Terminated schools',
  column: {
    school: 'School',
    export: 'Export',
    purge: 'Purge',
    actions: 'Actions',
  },
  exportStatus: {
    running: 'Making the export… {{done}} of {{total}}',
    done: 'Ready ({{size}} KB, {{seconds}} s)',
    failed: 'Failed',
    purged: 'Deleted with the purge',
  },
  purgeOn: 'on or after {{date}}',
  purgedOn: 'purged {{date}}',
  download: 'Download',
  downloadLabel: 'Download the export of {{name}}',
  restart: 'Make again',
  restartTitle: 'Make the export of {{name}} again',
  restartSubmit: 'Make the export',
  purgeNow: 'Purge now',
  purgeLabel: 'Purge {{name}} now',
  purgeTitle: 'Purge {{name}}?',
  purgeBody:
    'Every row of {{name}}, its encryption keys and its delivery records are deleted for good. A deletion certificate is kept.',
  purged: '{{name}} is purged: {{rows}} rows deleted.',
  certificates: 'Deletion certificates',
  certificatesEmpty: 'No school has been purged yet.',
  certificateLine: '{{rows}} rows in {{tables}} tables · terminated {{terminated}} · purged {{purged}}',
  certificatesLabel: 'Deletion certificates',
} as const;

/** t() of the 'offboarding' namespace; shared keys fall back to app/i18n/en.ts. */
export function useOffboardingText() {
  return useTranslation('offboarding').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('offboarding', offboardingText);
