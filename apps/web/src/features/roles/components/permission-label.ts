import type { Permission } from '@shala/contracts';
import type { TFunction } from 'i18next';

/**
 * The readable name of a permission key, from permissionLabels in en.ts (nested by the key's dots).
 * A key the catalogue gained after this build shows as itself.
 */
export function permissionLabel(t: TFunction, permission: Permission | string): string {
  // The key is dynamic (it comes from the API), so it is outside i18next's typed keys.
  const key = `permissionLabels.${permission}` as 'permissionLabels.audit.read';
  return t(key, { defaultValue: permission });
}

export function permissionAreaLabel(t: TFunction, area: string): string {
  const key = `permissionAreas.${area}` as 'permissionAreas.audit';
  return t(key, { defaultValue: area });
}
