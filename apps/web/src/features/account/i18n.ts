import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

/** English strings of the account screens: the 'account' i18next namespace (registered in app/i18n/resources.ts). */
export const accountText = {
  title: 'Your account',
  tabs: {
    profile: 'Profile and devices',
    security: 'Password and two-step verification',
  },
  profile: {
    title: 'Profile',
    name: 'Name',
    email: 'Email',
    institution: 'Institution',
    roles: 'Roles',
    lastLogin: 'Last sign-in',
    mfa: 'Two-step verification',
  },
  sessions: {
    title: 'Signed-in devices',
    intro: 'Every browser or app signed in to your account. Sign out any you do not recognise.',
    listLabel: 'Signed-in devices',
    current: 'This device',
    unknownDevice: 'Unknown device',
    deviceLine: '{{browser}} on {{os}}',
    times: 'Last active {{lastUsed}} · signed in {{signedIn}}',
    ip: 'IP address {{ip}}',
    revoke: 'Sign out',
    revokeLabel: 'Sign out {{device}}',
    revokeTitle: 'Sign out this device?',
    revokeBody: '{{device}} will have to sign in again.',
    revoked: 'The device was signed out.',
    empty: 'No other device is signed in.',
    everywhere: 'Sign out everywhere',
    everywhereTitle: 'Sign out everywhere?',
    everywhereBody:
      'Every device signed in to your account will be signed out, this one included. You will need your password (and your authenticator) to sign in again.',
  },
  password: {
    title: 'Change password',
    intro: 'Changing your password signs out every other device.',
    current: 'Current password',
    new: 'New password',
    confirm: 'Confirm the new password',
    submit: 'Change password',
    failed: 'The password was not changed',
    changed_one: 'Password changed. {{count}} other device was signed out.',
    changed_other: 'Password changed. {{count}} other devices were signed out.',
  },
  mfa: {
    title: 'Two-step verification',
    isOn: 'Two-step verification is on. Signing in needs a code from your authenticator app.',
    isOff: 'Two-step verification is off. Turn it on so a stolen password is not enough to sign in.',
    requiredByRole: 'Your role requires two-step verification.',
    enable: 'Turn on two-step verification',
    setupTitle: 'Set up two-step verification',
    enabled: 'Two-step verification is on.',
    disable: 'Turn off',
    disableTitle: 'Turn off two-step verification',
    disableBody: 'Enter your password and a current code from your authenticator app.',
    disableRequired:
      'Your role requires two-step verification: the next time you sign in, you will have to set it up again.',
    disableSubmit: 'Turn off two-step verification',
    disabled: 'Two-step verification is off.',
    regenerate: 'New recovery codes',
    regenerateTitle: 'Get new recovery codes',
    regenerateBody: 'Your current recovery codes stop working. Enter your password to continue.',
    regenerateSubmit: 'Get new codes',
    password: 'Password',
    code: 'Code from the app',
    failed: 'That did not work',
  },
} as const;

/** t() of the 'account' namespace; shared keys (common., errors., validation. ...) fall back to app/i18n/en.ts. */
export function useAccountText() {
  return useTranslation('account').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('account', accountText);
