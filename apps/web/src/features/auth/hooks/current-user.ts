import type { MeResponse, Permission } from '@shala/contracts';
import { createContext, useContext } from 'react';

/**
 * The signed-in user's /me answer, for pages rendered under <SignedInPage> (routes/signed-in-page.tsx),
 * which renders them only once /me has answered. Tenant query keys take the institution id from here.
 */
export const CurrentUserContext = createContext<MeResponse | null>(null);

export function useCurrentUser(): MeResponse {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser must be used inside <SignedInPage>');
  return me;
}

export function useInstitutionId(): string {
  return useCurrentUser().institution.id;
}

/** Whether the signed-in user holds the permission (the API checks it again on every request). */
export function useCan(permission: Permission): boolean {
  return useCurrentUser().permissions.includes(permission);
}
