/**
 * Tenant-specific data is always cached under the institution it belongs to, so a cache can never hand
 * one school's data to another school's session: `tenantKey(institution.id, 'students', { cursor })`.
 */
export function tenantKey<const Rest extends readonly unknown[]>(institutionId: string, ...rest: Rest) {
  if (!institutionId) throw new Error('A tenant query key needs an institution id');
  return ['tenant', institutionId, ...rest] as const;
}
