import { createContext, useContext } from 'react';
import type { SessionEndReason, SessionStatus } from '../../../app/api/session-store';

/** What React needs to know about the session. The token itself stays out of React (AUT-09). */
export interface SessionContextValue {
  status: SessionStatus;
  isAuthenticated: boolean;
  /** Increments at every sign-in; keys per-session caches. */
  generation: number;
  endReason: SessionEndReason | null;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
