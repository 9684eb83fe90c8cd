import { MARK_STATUSES, type MarkStatus } from '@shala/contracts';

/**
 * Unsaved marks kept on this device, so a session that expires mid-register (the teacher is sent to sign in
 * again) loses nothing. One entry per institution, user, section, date and period; it holds student ids and
 * statuses only (no names), is removed once the register is saved, and drafts of anyone but the user now
 * signed in are removed (a shared staff-room computer shows nobody another teacher's marks).
 */
export interface MarkDraft {
  institutionId: string;
  userId: string;
  sectionId: string;
  date: string;
  period: number | null;
  subjectId: string | null;
  /** When the last change was made (ISO). */
  savedAt: string;
  marks: Record<string, MarkStatus>;
}

const PREFIX = 'shala.attendance.draft:';

export interface DraftPlace {
  institutionId: string;
  userId: string;
  sectionId: string;
  date: string;
  period: number | null;
}

export function draftKey(place: DraftPlace): string {
  return `${PREFIX}${place.institutionId}:${place.userId}:${place.sectionId}:${place.date}:${place.period ?? 0}`;
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage disabled (a locked-down browser): drafts are simply not kept
  }
}

function parse(raw: string | null): MarkDraft | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<MarkDraft>;
    if (
      typeof value.institutionId !== 'string' ||
      typeof value.userId !== 'string' ||
      typeof value.sectionId !== 'string' ||
      typeof value.date !== 'string' ||
      typeof value.savedAt !== 'string' ||
      typeof value.marks !== 'object' ||
      value.marks === null
    ) {
      return null;
    }
    const marks = Object.fromEntries(
      Object.entries(value.marks).filter(([, s]) => MARK_STATUSES.includes(s as MarkStatus)),
    ) as Record<string, MarkStatus>;
    return {
      institutionId: value.institutionId,
      userId: value.userId,
      sectionId: value.sectionId,
      date: value.date,
      period: typeof value.period === 'number' ? value.period : null,
      subjectId: typeof value.subjectId === 'string' ? value.subjectId : null,
      savedAt: value.savedAt,
      marks,
    };
  } catch {
    return null;
  }
}

export function readDraft(place: DraftPlace): MarkDraft | null {
  return parse(storage()?.getItem(draftKey(place)) ?? null);
}

export function writeDraft(draft: MarkDraft): void {
  try {
    storage()?.setItem(draftKey(draft), JSON.stringify(draft));
  } catch {
    // Quota or privacy mode: the marks stay on screen, only the safety copy is missing.
  }
}

export function clearDraft(place: DraftPlace): void {
  storage()?.removeItem(draftKey(place));
}

function allDrafts(): { key: string; draft: MarkDraft | null }[] {
  const store = storage();
  if (!store) return [];
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  return keys.map((key) => ({ key, draft: parse(store.getItem(key)) }));
}

/** The newest draft of this user in this institution, to reopen its register after signing in again. */
export function latestDraft(institutionId: string, userId: string): MarkDraft | null {
  return (
    allDrafts()
      .map(({ draft }) => draft)
      .filter((d): d is MarkDraft => d !== null && d.institutionId === institutionId && d.userId === userId)
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0] ?? null
  );
}

/** Removes every draft that is not this user's (and any unreadable one). */
export function clearOtherUsersDrafts(userId: string): void {
  const store = storage();
  for (const { key, draft } of allDrafts()) {
    if (!draft || draft.userId !== userId) store?.removeItem(key);
  }
}
