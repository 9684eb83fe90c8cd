import { Injectable } from '@nestjs/common';
import { LOCALES, type Locale } from '@shala/contracts';

/**
 * Names of the ids of one target type, looked up in one batch: `ids` are distinct, and ids the module no
 * longer knows (a deleted row) are simply absent from the answer. Runs in the caller's tenant context.
 */
export type AuditDescriber = (ids: string[]) => Promise<ReadonlyMap<string, string>>;

/** The target type whose describer names actors too: every actor is a user. */
export const ACTOR_TARGET_TYPE = 'user';

/** Names of the actors and targets of a page of events, for the screen and the export. */
export interface AuditNameBook {
  actor(userId: string | null): string | null;
  target(type: string | null, id: string | null): string | null;
}

/**
 * Who and what an audit event is about, in words, at read time (issue 14). The audit module sits below
 * every module whose rows it names, so it cannot look them up itself: each module registers a describer
 * for its own target types when it starts (users: user; academics: section, class, academic_year,
 * subject; students: student, guardian). Names are resolved when the log is read, never stored in the
 * event, so the HMAC chain covers exactly what it always covered and a renamed section reads with its
 * current name. One lookup per target type per page or export batch, never one per event.
 */
@Injectable()
export class AuditNames {
  private readonly describers = new Map<string, AuditDescriber>();
  private savedLocale: ((userId: string) => Promise<string | null>) | null = null;

  register(targetType: string, describe: AuditDescriber): void {
    if (this.describers.has(targetType))
      throw new Error(`An audit describer for ${targetType} is already registered`);
    this.describers.set(targetType, describe);
  }

  /** How to read a user's saved language (`users.locale`): registered by the users module. */
  registerLocale(savedLocale: (userId: string) => Promise<string | null>): void {
    if (this.savedLocale) throw new Error('The audit reader locale is already registered');
    this.savedLocale = savedLocale;
  }

  /** The language the log is written in for its reader: their saved locale, English when unknown. */
  async localeOf(userId: string | null): Promise<Locale> {
    const saved = userId && this.savedLocale ? await this.savedLocale(userId) : null;
    return (LOCALES as readonly (string | null)[]).includes(saved) ? (saved as Locale) : 'en';
  }

  async of(
    events: readonly { actorUserId: string | null; targetType: string | null; targetId: string | null }[],
  ): Promise<AuditNameBook> {
    const wanted = new Map<string, Set<string>>();
    const want = (type: string | null, id: string | null) => {
      if (!type || !id || !this.describers.has(type)) return;
      const ids = wanted.get(type) ?? new Set<string>();
      ids.add(id);
      wanted.set(type, ids);
    };
    for (const e of events) {
      want(ACTOR_TARGET_TYPE, e.actorUserId);
      want(e.targetType, e.targetId);
    }
    const names = new Map<string, ReadonlyMap<string, string>>();
    for (const [type, ids] of wanted) names.set(type, await this.describers.get(type)!([...ids]));
    const target = (type: string | null, id: string | null) =>
      (type && id && names.get(type)?.get(id)) || null;
    return { actor: (userId) => target(ACTOR_TARGET_TYPE, userId), target };
  }
}
