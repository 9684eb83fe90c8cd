/**
 * DAT-04: every personal field carries a class. Highly sensitive fields are encrypted, masked unless the
 * caller may reveal them, never logged and left out of exports; sensitive fields are shown to those with
 * access but kept out of logs; public fields are plain.
 */
export type DataClass = 'highly_sensitive' | 'sensitive' | 'public';

export const FIELD_CLASSES: Readonly<Record<string, DataClass>> = {
  'students.first_name': 'sensitive',
  'students.last_name': 'sensitive',
  'students.date_of_birth': 'sensitive',
  'students.gender': 'sensitive',
  'students.admission_no': 'public',
  'students.status': 'public',
  'students.national_id': 'highly_sensitive',
  'students.medical_notes': 'highly_sensitive',
  'students.address': 'highly_sensitive',
  'guardians.full_name': 'sensitive',
  'guardians.phone': 'highly_sensitive',
  'guardians.email': 'highly_sensitive',
  'guardians.address': 'highly_sensitive',
};

export function classOf(table: string, field: string): DataClass {
  return FIELD_CLASSES[`${table}.${field}`] ?? 'public';
}

/** Masks for display without the reveal permission. */
export function mask(kind: 'national_id' | 'phone' | 'email' | 'text', value: string | null): string | null {
  if (value === null) return null;
  // A fixed-width mask: neither the length nor more than the last four characters show.
  if (kind === 'national_id')
    return value.length <= 4 ? '********' : `********${value.replace(/\s/g, '').slice(-4)}`;
  if (kind === 'phone') return value.length <= 4 ? '****' : `${value.slice(0, 3)}******${value.slice(-2)}`;
  if (kind === 'email') {
    const [local, domain] = value.split('@');
    return `${(local ?? '').slice(0, 1)}***@${domain ?? ''}`;
  }
  return value ? '••••••' : null;
}
