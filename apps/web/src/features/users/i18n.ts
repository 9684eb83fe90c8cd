import { useFeatureText } from '../attendance/feature-text';

/** Strings of the users admin screens that are not in the shared en.ts (useFeatureText). */
export const usersText = {
  resetMfa: {
    confirmIntro: 'Confirm it is you: enter your own password.',
    confirmIntroWithCode:
      'Confirm it is you: enter your own password and a code from your own authenticator app.',
    password: 'Your password',
    code: 'Your authentication code',
    submit: 'Reset two-step verification',
  },
} as const;

export function useUsersText() {
  return useFeatureText('users', usersText);
}
