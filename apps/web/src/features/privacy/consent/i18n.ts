import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../../app/i18n/registry';

export const privacyConsentText = {
  purposes: {
    student_account: 'Sign-in account for the student',
    photo_use: 'Use of photos',
    biometric_attendance: 'Biometric attendance',
  },
  sources: { parent_app: 'in the parent app', paper_form: 'on a paper form' },
  mine: {
    title: 'Consent for your children',
    help: 'For a child under 18 the school needs your consent before it creates their sign-in account, uses their photos or takes attendance biometrically. You can withdraw it at any time; withdrawing the account consent disables the child’s sign-in.',
    empty: 'No children linked to your account.',
    switch: '{{purpose}} for {{name}}',
    failed: 'The consent could not be saved',
  },
  history: {
    title: 'History',
    show: 'Show history',
    hide: 'Hide history',
    empty: 'No consent recorded yet.',
    granted: 'Given',
    withdrawn: 'Withdrawn',
    entry: '{{action}}: {{purpose}}, {{how}} by {{guardian}} on {{date}}',
    reference: 'form {{ref}}',
    unknownGuardian: 'a former guardian',
  },
  staff: {
    title: 'Guardian consent',
    granted: 'Given',
    notGiven: 'Not given',
    adult: 'Aged 18 or over: no guardian consent is needed for their own account.',
    blocked:
      'An account cannot be created yet: the student is under 18 and no guardian has consented to a sign-in account. Ask a guardian to consent in the parent app, or record their signed paper form.',
    withdrawnWithAccount:
      'The guardian withdrew consent to the account: the student’s sign-in is disabled. It can be enabled again after a new consent.',
    record: 'Record paper form',
    biometric: 'Biometric attendance',
    biometricNeedsConsent: 'Needs the guardian’s consent to biometric attendance.',
    biometricFailed: 'Biometric attendance could not be changed',
  },
  paper: {
    title: 'Record a paper consent form',
    intro:
      'Record the form a guardian signed: what it covers, whether it gives or withdraws consent, and its reference.',
    guardian: 'Signed by',
    purpose: 'Consent to',
    decision: 'The form',
    give: 'gives consent',
    withdraw: 'withdraws consent',
    reference: 'Document reference',
    referenceHint: 'The number or file reference of the signed form, e.g. FORM-2026-017',
    referenceRequired: 'Enter the document reference.',
    guardianRequired: 'Choose the guardian who signed.',
    submit: 'Record',
    failed: 'The form could not be recorded',
  },
};

export function usePrivacyConsentText() {
  return useTranslation('privacyConsent').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('privacyConsent', privacyConsentText);
