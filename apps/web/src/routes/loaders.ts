import { redirect, type LoaderFunctionArgs } from 'react-router';
import { restoreSession } from '../app/api/client';
import { loginPath, safeNextPath } from '../app/navigation';

/** Signed-in routes: restore the session from the refresh cookie, or go to /login?next=<here>. */
export async function requireSession({ request }: LoaderFunctionArgs) {
  if (await restoreSession()) return null;
  const url = new URL(request.url);
  throw redirect(loginPath(`${url.pathname}${url.search}`));
}

/** The login page: someone who is already signed in goes straight on to where they were going. */
export async function redirectIfSignedIn({ request }: LoaderFunctionArgs) {
  if (!(await restoreSession())) return null;
  throw redirect(safeNextPath(new URL(request.url).searchParams.get('next')));
}
