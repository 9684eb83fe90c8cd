import { useMutation } from '@tanstack/react-query';
import { confirmMfaEnrollment, startMfaEnrollment } from '../api/auth.api';

/** POST /api/v1/auth/mfa/enrollment: a new secret for the forced enrolment of a privileged user. */
export function useStartMfaEnrollment() {
  return useMutation({ mutationKey: ['auth', 'mfa', 'enrollment', 'start'], mutationFn: startMfaEnrollment });
}

/** POST /api/v1/auth/mfa/enrollment/confirm: turns MFA on, signs in, answers the recovery codes. */
export function useConfirmMfaEnrollment() {
  return useMutation({
    mutationKey: ['auth', 'mfa', 'enrollment', 'confirm'],
    mutationFn: confirmMfaEnrollment,
  });
}
