const SAME_ORIGIN = 'https://shala.invalid';

/**
 * Where to go after signing in. Only a path on this site is followed: `?next=//evil.example` or
 * `?next=https://evil.example` would otherwise turn the login page into an open redirect.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(raw, SAME_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== SAME_ORIGIN) return '/';
  if (url.pathname === '/login') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The login page, remembering where the user was going (nothing to remember for the dashboard). */
export function loginPath(next?: string | null): string {
  const target = safeNextPath(next);
  return target === '/' ? '/login' : `/login?${new URLSearchParams({ next: target }).toString()}`;
}
