import { DefaultRole } from '@shala/contracts';

/** Anything with an email and maybe a display name: the signed-in user, a row of the users list. */
export interface NamedUser {
  email: string;
  displayName?: string | null;
}

export function displayNameOf(user: NamedUser): string {
  return user.displayName?.trim() || user.email;
}

export function initialsOf(user: NamedUser): string {
  const name = displayNameOf(user);
  if (name.includes('@')) return name.slice(0, 2).toUpperCase();
  // "Asha Rao" -> AR; "Class Teacher (Greenwood High School)" -> CT
  const words = name
    .replace(/\([^)]*\)/g, ' ')
    .split(/\s+/)
    .filter((word) => /^\p{L}/u.test(word));
  const letters = words.length > 1 ? `${words[0]?.[0] ?? ''}${words.at(-1)?.[0] ?? ''}` : name.slice(0, 2);
  return letters.toUpperCase();
}

const defaultRoles = new Set<string>(Object.values(DefaultRole));

/**
 * Default roles have translated names; an institution's custom roles show the name the institution gave
 * them (from GET roles, when the caller has it), else their key.
 */
export function roleLabel(
  t: (key: `roleNames.${DefaultRole}`) => string,
  role: string,
  customNames?: ReadonlyMap<string, string>,
): string {
  if (defaultRoles.has(role)) return t(`roleNames.${role as DefaultRole}`);
  return customNames?.get(role) ?? role;
}
