import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

export const settingsText = {
  title: 'School settings',
  intro:
    'The name, address and logo that receipts, report cards and the page header show; the academic years; weekly offs and the attendance lock time.',
  profile: {
    title: 'School profile',
    help: 'Printed at the top of fee receipts, report cards and hall tickets.',
    name: 'School name',
    timeZone: 'Time zone',
    timeZoneHelp: 'School days, due dates and the attendance lock follow this time zone.',
    addressLine1: 'Address line 1',
    addressLine2: 'Address line 2',
    city: 'City',
    state: 'State',
    postalCode: 'PIN code',
    phone: 'Phone',
    email: 'Email',
    website: 'Website',
    save: 'Save profile',
    saved: 'School profile saved.',
  },
  logo: {
    title: 'Logo',
    help: 'A PNG or JPEG image of at most 256 KB. It appears on receipts, report cards and at the top of every page.',
    upload: 'Upload logo',
    replace: 'Replace logo',
    remove: 'Remove logo',
    none: 'No logo yet: report cards show the school’s initials instead.',
    preview: 'Logo of {{name}}',
    size: '{{width}} × {{height}} px, {{kb}} KB',
    uploaded: 'Logo saved.',
    removed: 'Logo removed.',
    tooBig: 'Choose an image of at most 256 KB.',
    wrongType: 'Choose a PNG or JPEG image.',
  },
  receipt: {
    title: 'Fee receipts',
    footer: 'Receipt footer',
    footerHelp: 'Printed at the foot of every fee receipt, for example the refund policy.',
    save: 'Save footer',
    saved: 'Receipt footer saved.',
  },
  years: { title: 'Academic years' },
  attendance: { title: 'Weekly offs and attendance lock time' },
  errors: {
    name: 'Give a name of 2 to 200 characters',
    timeZone: 'Give a time zone such as Asia/Kolkata',
    postalCode: 'Give a PIN code such as 560001',
    phone: 'Give a phone number such as +91 80 2345 6789',
    email: 'Give an email address such as office@school.in',
    website: 'Give a web address starting with https://',
    tooLong: 'Too long: at most {{max}} characters',
  },
} as const;

export type SettingsText = typeof settingsText;

export function useSettingsText() {
  return useTranslation('settings').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('settings', settingsText);
