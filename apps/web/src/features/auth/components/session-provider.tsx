import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { sessionStore } from '../../../app/api/session-store';
import { SessionContext, type SessionContextValue } from '../hooks/session-context';

/**
 * Puts the in-memory session (app/api/session-store) into React. When the signed-in identity changes —
 * sign-in, sign-out, or a session the API stopped accepting — every cached server answer is dropped, so
 * nothing of one user (or school) is ever shown to the next. A session that ended on its own (endReason
 * 'expired') is explained on the login page the shell then sends the user to.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const state = useSyncExternalStore(sessionStore.subscribe, sessionStore.getState, sessionStore.getState);
  const queryClient = useQueryClient();

  useEffect(() => {
    let previous = sessionStore.getState();
    return sessionStore.subscribe(() => {
      const next = sessionStore.getState();
      const signedIn = next.generation !== previous.generation;
      const signedOut = previous.status === 'authenticated' && next.status !== 'authenticated';
      if (signedIn || signedOut) queryClient.clear();
      previous = next;
    });
  }, [queryClient]);

  const value = useMemo<SessionContextValue>(
    () => ({
      status: state.status,
      isAuthenticated: state.status === 'authenticated',
      generation: state.generation,
      endReason: state.endReason,
    }),
    [state.status, state.generation, state.endReason],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
