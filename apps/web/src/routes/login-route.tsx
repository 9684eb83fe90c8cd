import { Alert, Text } from '@mantine/core';
import type { AcceptInvitationResponse } from '@shala/contracts';
import { IconCircleCheck, IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { safeNextPath } from '../app/navigation';
import { SignInFlow } from '../features/auth/components/sign-in-flow';
import { useSession } from '../features/auth/hooks/session-context';

/** What other pages may hand the login page in router state. */
export interface LoginRouteState {
  invitationAccepted?: AcceptInvitationResponse;
}

function isLoginRouteState(value: unknown): value is LoginRouteState {
  return typeof value === 'object' && value !== null && 'invitationAccepted' in value;
}

export function LoginRoute() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { endReason } = useSession();
  const next = safeNextPath(params.get('next'));
  const invitation = isLoginRouteState(location.state) ? location.state.invitationAccepted : undefined;

  const notice =
    endReason === 'expired' ? (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconClockExclamation aria-hidden />}
        title={t('errors.sessionEndedTitle')}
      >
        <Text size="sm">{t('errors.sessionEnded')}</Text>
      </Alert>
    ) : invitation ? (
      <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
        <Text size="sm">
          {invitation.mfaEnrollmentRequired
            ? t('login.invitationAcceptedMfa')
            : t('login.invitationAccepted')}
        </Text>
      </Alert>
    ) : null;

  return (
    <SignInFlow
      onSignedIn={() => void navigate(next, { replace: true })}
      defaultInstitution={invitation?.institution}
      defaultEmail={invitation?.email}
      notice={notice}
    />
  );
}
