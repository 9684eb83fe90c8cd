import { useNavigate, useSearchParams } from 'react-router';
import { safeNextPath } from '../app/navigation';
import { SignInFlow } from '../features/auth/components/sign-in-flow';

export function LoginRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  return <SignInFlow onSignedIn={() => void navigate(next, { replace: true })} />;
}
