import { DefaultRole } from '@shala/contracts';
import type { TFunction } from 'i18next';
import type { SessionUser } from '../api/auth.types';

export function displayNameOf(user: SessionUser): string {
  return user.displayName?.trim() || user.name?.trim() || user.email;
}

export function initialsOf(user: SessionUser): string {
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

/** Default roles have translated names; an institution's custom roles show as the API names them. */
export function roleLabel(t: TFunction, role: string): string {
  return defaultRoles.has(role) ? t(`roles.${role as DefaultRole}`) : role;
}
