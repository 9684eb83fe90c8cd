import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

/** English strings of the platform screens: the 'platform' i18next namespace (registered in app/i18n/resources.ts). */
export const platformText = {
  title: 'Institutions',
  intro: 'Provision schools, then suspend or reactivate them. Operators never see a school’s data.',
  provision: 'Provision institution',
  provisionTitle: 'Provision an institution',
  provisionIntro: 'Creates the school with its default roles and invites its first admin by email.',
  slug: 'Slug',
  slugDescription: 'People type it to sign in, e.g. lakeside',
  name: 'Name',
  timeZone: 'Time zone',
  timeZoneDescription: 'Leave empty for Asia/Kolkata',
  currency: 'Currency',
  currencyDescription: 'Leave empty for INR',
  adminEmail: 'First admin’s email',
  adminName: 'First admin’s name',
  submit: 'Provision and invite',
  provisioned: '{{name}} is ready. An invitation went to {{email}}.',
  tableLabel: 'Institutions',
  cardLine: '{{timeZone}} · {{currency}} · created {{created}}',
  timeZonePlaceholder: 'Asia/Kolkata',
  currencyPlaceholder: 'INR',
  column: {
    name: 'Institution',
    status: 'Status',
    timeZone: 'Time zone',
    currency: 'Currency',
    created: 'Created',
    actions: 'Actions',
  },
  status: {
    active: 'Active',
    suspended: 'Suspended',
    terminated: 'Terminated',
  },
  suspend: 'Suspend',
  suspendLabel: 'Suspend {{name}}',
  suspendTitle: 'Suspend {{name}}?',
  suspendBody: 'Nobody at {{name}} can sign in until you reactivate it. Its data is kept.',
  suspended: '{{name}} is suspended.',
  reactivate: 'Reactivate',
  reactivateLabel: 'Reactivate {{name}}',
  reactivated: '{{name}} is active again.',
  empty: 'No schools yet. Provision the first one with “Provision institution”.',
  failed: 'That did not work',
  firstAdmin: {
    title: '{{name}} is ready',
    notDeliverable: 'The invitation email to {{email}} cannot be sent: {{problem}}',
    done: 'Done',
  },
  adminInvitations: {
    open: 'Admin invitation',
    openLabel: 'Admin invitation of {{name}}',
    title: 'Admin invitation of {{name}}',
    intro:
      'The school’s admins who have not set their password yet. Send a new link if the first did not arrive; the old link then stops working.',
    none: 'Every admin of this school has accepted their invitation.',
    sent: 'Sent {{sent}} · link works until {{expires}}',
    status: { pending: 'Pending', expired: 'Expired', revoked: 'Revoked' },
    resend: 'Send a new link',
    revoke: 'Revoke',
    queued: 'A new link is on its way to {{email}}.',
  },
} as const;

/** t() of the 'platform' namespace; shared keys (common., errors., validation. ...) fall back to app/i18n/en.ts. */
export function usePlatformText() {
  return useTranslation('platform').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('platform', platformText);
