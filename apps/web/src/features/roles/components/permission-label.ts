import type { Permission } from '@shala/contracts';

/** Any namespace's t(): the labels are shared keys, which every namespace falls back to. */
type LabelText = (
  key: 'permissionLabels.audit.read' | 'permissionAreas.audit',
  options: { defaultValue: string },
) => string;

/**
 * The readable name of a permission key, from permissionLabels in en.ts (nested by the key's dots).
 * A key the catalogue gained after this build shows as itself.
 */
export function permissionLabel(t: LabelText, permission: Permission | string): string {
  // The key is dynamic (it comes from the API), so it is outside i18next's typed keys.
  const key = `permissionLabels.${permission}` as 'permissionLabels.audit.read';
  return t(key, { defaultValue: permission });
}

export function permissionAreaLabel(t: LabelText, area: string): string {
  const key = `permissionAreas.${area}` as 'permissionAreas.audit';
  return t(key, { defaultValue: area });
}
