/**
 * AUT-09: the access token lives here, in module memory, and nowhere else — never in localStorage,
 * sessionStorage, cookies or the URL. A reload forgets it; the HttpOnly refresh cookie (which JavaScript
 * cannot read) restores it through POST /api/v1/auth/refresh.
 *
 * React reads this store through SessionProvider (useSyncExternalStore); the API client reads it directly.
 */

/** unknown: not yet asked the API (app start); authenticated: we hold an access token; anonymous: we do not. */
export type SessionStatus = 'unknown' | 'authenticated' | 'anonymous';

/** Why a session ended: the user signed out, or the API stopped accepting it (expired, revoked). */
export type SessionEndReason = 'signed-out' | 'expired';

export interface SessionState {
  readonly status: SessionStatus;
  readonly accessToken: string | null;
  /** Epoch milliseconds after which the access token is no longer valid. */
  readonly expiresAt: number | null;
  /** Increments at every sign-in, so per-session caches never outlive the session that filled them. */
  readonly generation: number;
  readonly endReason: SessionEndReason | null;
}

const initialState: SessionState = {
  status: 'unknown',
  accessToken: null,
  expiresAt: null,
  generation: 0,
  endReason: null,
};

let state: SessionState = initialState;
const listeners = new Set<() => void>();

function update(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export const sessionStore = {
  getState(): SessionState {
    return state;
  },

  getAccessToken(): string | null {
    return state.accessToken;
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** A new access token: after login, MFA, a refresh or a restored session. */
  setAccessToken(accessToken: string, expiresInSeconds: number): void {
    const isNewSession = state.status !== 'authenticated';
    update({
      status: 'authenticated',
      accessToken,
      expiresAt: Date.now() + Math.max(0, expiresInSeconds) * 1000,
      generation: isNewSession ? state.generation + 1 : state.generation,
      endReason: null,
    });
  },

  /** There is no session: the restore failed, the user signed out, or the API refused the refresh. */
  end(reason: SessionEndReason | null): void {
    if (state.status === 'anonymous' && state.accessToken === null && state.endReason === reason) return;
    update({ ...state, status: 'anonymous', accessToken: null, expiresAt: null, endReason: reason });
  },

  /** Back to the state of a fresh page load. */
  reset(): void {
    update({ ...initialState, generation: state.generation });
  },
};
