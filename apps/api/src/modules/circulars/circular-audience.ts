import type { CircularAudience } from '@shala/contracts';

/** Who is reading: a publisher sees everything; a family its children's classes and sections; staff. */
export type Reader =
  { kind: 'publisher' } | { kind: 'family'; classIds: string[]; sectionIds: string[] } | { kind: 'staff' };

/** A circular's addressing: its audience and, for classes or sections, the ids it names. */
export interface Addressing {
  audience: CircularAudience;
  targetIds: readonly string[];
}

/**
 * Whether a published circular is addressed to a reader (the rule the list query implements in SQL, and
 * the property the tests check it against): the whole school reaches everyone; staff-only reaches staff;
 * classes and sections reach a family only when one of their children is in one of them. A family never
 * sees a staff circular, nor one for classes or sections none of their children is in.
 */
export function isAddressedTo(circular: Addressing, reader: Reader): boolean {
  if (reader.kind === 'publisher') return true;
  if (circular.audience === 'school') return true;
  if (reader.kind === 'staff') return circular.audience === 'staff';
  if (circular.audience === 'staff') return false;
  const mine = new Set(circular.audience === 'classes' ? reader.classIds : reader.sectionIds);
  return circular.targetIds.some((id) => mine.has(id));
}

/** The audiences a reader sees whole, and the ids of the classes and sections that address them. */
export function audienceOf(reader: Exclude<Reader, { kind: 'publisher' }>): {
  audiences: CircularAudience[];
  targetIds: string[];
} {
  if (reader.kind === 'staff') return { audiences: ['school', 'staff'], targetIds: [] };
  return { audiences: ['school'], targetIds: [...new Set([...reader.classIds, ...reader.sectionIds])] };
}

/**
 * The sections a circular reaches: every section for the whole school; the sections of its classes; its
 * sections. Staff-only reaches none (no family).
 */
export function sectionsReached(
  circular: Addressing,
  sections: readonly { id: string; classId: string }[],
): string[] {
  if (circular.audience === 'staff') return [];
  if (circular.audience === 'school') return sections.map((s) => s.id);
  const ids = new Set(circular.targetIds);
  return sections.filter((s) => ids.has(circular.audience === 'classes' ? s.classId : s.id)).map((s) => s.id);
}
