import { Inject, Injectable } from '@nestjs/common';
import {
  AUDIT_EXPORT_COLUMNS,
  AuditEventDto,
  type AuditExportColumn,
  type AuditVerifyResponse,
  type Locale,
  PAGE_LIMIT_DEFAULT,
} from '@shala/contracts';
import { ClsService } from 'nestjs-cls';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { csvLines } from '../../platform/http/csv';
import { Page, page } from '../../platform/http/page-query';
import { CSV_CONTENT_TYPE, Download } from '../../platform/http/send-csv';
import { RequestContext, ShalaStore } from '../../platform/tenancy/request-context';
import { CurrentInstitution } from '../institutions/current-institution';
import { AuditNameBook, AuditNames } from './audit-names';
import { auditSentence } from './audit-sentence';
import { GENESIS_HASH, headMac, linkHash } from './audit-chain';
import { AuditEventsRepository, AuditFilter, AuditHeadsRepository } from './audit.repository';
import { AuditExportQuery, AuditFilterQuery, AuditListQuery } from './dto/audit-query.dto';
import { AuditChainHead, AuditEvent } from './entities/audit-event.entity';

export interface AuditRecord {
  /** dotted verb, e.g. `auth.login`, `roles.update`, `students.create` */
  action: string;
  outcome?: AuditEvent['outcome'];
  targetType?: string;
  targetId?: string;
  /** Field changes `{ field: { from, to } }` and context; sensitive keys are redacted here as well. */
  details?: Record<string, unknown>;
  /** Defaults to the authenticated user of the request context. */
  actorUserId?: string | null;
}

type Head = Pick<AuditChainHead, 'lastSeq' | 'lastHash'>;

/** Tenants whose chain head a process remembers (the least recently appended are forgotten first). */
const KNOWN_HEADS_MAX = 10_000;

const withoutTenant = ({ tenantId: _omit, ...row }: AuditEvent): Omit<AuditEvent, 'tenantId'> => row;

const SENSITIVE_KEY =
  /pass(word)?|secret|token|code|otp|pepper|key|cookie|authorization|nationalId|national_id/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SENSITIVE_KEY.test(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

function toFilter(q: AuditFilterQuery): AuditFilter {
  return {
    action: q.action,
    actorUserId: q.actorUserId,
    targetType: q.targetType,
    targetId: q.targetId,
    outcome: q.outcome,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

/**
 * The stored event, with its actor's and target's names (from `names`) and its sentence in the reader's
 * language; the stored fields and the names are the same in every language.
 */
export function auditEventDto(e: AuditEvent, names: AuditNameBook, locale: Locale = 'en'): AuditEventDto {
  const details = e.details ? (JSON.parse(e.details) as unknown) : null;
  const actorName = names.actor(e.actorUserId);
  const targetName = names.target(e.targetType, e.targetId);
  return {
    seq: e.seq,
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorUserId: e.actorUserId,
    action: e.action,
    outcome: e.outcome,
    targetType: e.targetType,
    targetId: e.targetId,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    details,
    prevHash: e.prevHash,
    hash: e.hash,
    actorName,
    targetName,
    summary: auditSentence({ ...e, details }, actorName, targetName, locale),
  };
}

/** 'YYYY-MM-DD HH:MM:SS' on the wall clock of `timeZone`. */
export function localDateTime(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

async function* csvRowsOf(events: AsyncIterable<AuditEventDto>, timeZone: string): AsyncGenerator<unknown[]> {
  for await (const dto of events) {
    const local: Record<'localTime' | 'timeZone', string> = {
      localTime: localDateTime(timeZone, new Date(dto.occurredAt)),
      timeZone,
    };
    yield AUDIT_EXPORT_COLUMNS.map((c: AuditExportColumn) =>
      c === 'localTime' || c === 'timeZone' ? local[c] : dto[c],
    );
  }
}

async function* jsonArrayOf(events: AsyncIterable<AuditEventDto>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const dto of events) {
    yield `${first ? '' : ','}\n${JSON.stringify(dto)}`;
    first = false;
  }
  yield '\n]\n';
}

/**
 * The one way every module records what happened (AUD-01). `record` joins the caller's transaction, so an
 * event exists exactly when the change it describes committed; each tenant's events form an HMAC chain
 * whose key lives outside the database (AUD-03), and triggers refuse UPDATE and DELETE (AUD-02).
 */
@Injectable()
export class AuditService {
  private readonly key: string;
  /**
   * Each tenant's chain head as this process last moved it. Only a guess: an append links to it, the
   * database moves the head on only from the event's predecessor (AuditEventsRepository.appendLinked), and
   * a stale guess falls back to reading the head under its lock, so the chain stays serialised by the
   * head's row lock.
   */
  private readonly knownHeads = new Map<string, Head>();
  /** Appends under way in this process, per tenant (between their first statement and their INSERT's end). */
  private readonly appending = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Database,
    private readonly events: AuditEventsRepository,
    private readonly heads: AuditHeadsRepository,
    private readonly context: RequestContext,
    private readonly cls: ClsService<ShalaStore>,
    private readonly names: AuditNames,
    private readonly institution: CurrentInstitution,
  ) {
    this.key = config.secrets.AUDIT_HMAC_KEY;
  }

  async record(record: AuditRecord): Promise<AuditEvent> {
    const tenantId = this.context.tenantId;
    const store = this.cls.isActive() ? this.cls.get() : ({} as ShalaStore);
    return this.db.transaction(async () => {
      const fields = {
        tenantId,
        id: uuidv7(),
        occurredAt: new Date(),
        actorUserId: record.actorUserId === undefined ? this.context.userId : record.actorUserId,
        action: record.action,
        targetType: record.targetType ?? null,
        targetId: record.targetId ?? null,
        outcome: record.outcome ?? 'success',
        ip: store.ip ?? null,
        userAgent: store.userAgent ? String(store.userAgent).slice(0, 300) : null,
        requestId: this.context.requestId,
        details: record.details ? JSON.stringify(redact(record.details)) : null,
      };
      const linkTo = (head: Head) => {
        const event = { ...fields, seq: head.lastSeq + 1 };
        const hash = linkHash(this.key, event, head.lastHash);
        const next = {
          lastSeq: event.seq,
          lastHash: hash,
          headMac: headMac(this.key, tenantId, event.seq, hash),
        };
        return { event: { ...event, prevHash: head.lastHash, hash }, next };
      };
      // The head this process last wrote, if still the head and no other append here is between its first
      // statement and the end of its INSERT: one INSERT appends the event, and the trigger moves the head
      // on from it (waiting for the head's row lock when another transaction holds it). A wrong guess is
      // refused by the database, changes nothing and only costs the locked read below.
      const guessing = !this.appending.has(tenantId);
      this.appending.set(tenantId, (this.appending.get(tenantId) ?? 0) + 1);
      try {
        const known = guessing ? this.knownHeads.get(tenantId) : undefined;
        const fast = known && linkTo(known);
        if (fast && (await this.events.appendLinked(withoutTenant(fast.event), fast.next.headMac))) {
          this.remember(tenantId, fast.next);
          return fast.event;
        }
        // Otherwise (first write here, another append here under way, or another process or a
        // rolled-back transaction moved the head): read the head under its lock, then append from it.
        // Guessing behind an append that waits for the lock would not pay: InnoDB grants a row lock to its
        // waiters in no set order, so a chain of guesses queued on it is refused link by link (measured:
        // 29 of 36 appends refused at 20 concurrent register saves).
        let head = await this.heads.lockHead();
        if (!head) {
          await this.heads.create({
            lastSeq: 0,
            lastHash: GENESIS_HASH,
            headMac: headMac(this.key, tenantId, 0, GENESIS_HASH),
          });
          head = (await this.heads.lockHead())!;
        }
        const { event, next } = linkTo(head);
        if (!(await this.events.appendLinked(withoutTenant(event), next.headMac)))
          throw new Error('The audit chain head moved while this transaction held its lock.');
        this.remember(tenantId, next);
        return event;
      } finally {
        const left = this.appending.get(tenantId)! - 1;
        if (left) this.appending.set(tenantId, left);
        else this.appending.delete(tenantId);
      }
    });
  }

  /** Remembers a tenant's head as this process wrote it (a guess the next append checks, never trusted). */
  private remember(tenantId: string, head: Head): void {
    this.knownHeads.delete(tenantId);
    this.knownHeads.set(tenantId, head);
    if (this.knownHeads.size > KNOWN_HEADS_MAX) this.knownHeads.delete(this.knownHeads.keys().next().value!);
  }

  list(filter: AuditFilter, limit: number, beforeSeq?: number): Promise<AuditEvent[]> {
    return this.events.newestFirst(filter, limit, beforeSeq);
  }

  /** The institution's events newest first, one page at a time (the cursor is the last seq seen). */
  async eventsPage(query: AuditListQuery): Promise<Page<AuditEventDto>> {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const rows = await this.list(toFilter(query), limit + 1, query.cursor ? Number(query.cursor) : undefined);
    const items = rows.slice(0, limit);
    const [names, locale] = await Promise.all([this.names.of(items), this.readerLocale()]);
    return page(
      items.map((e) => auditEventDto(e, names, locale)),
      rows.length > limit ? String(items[items.length - 1]!.seq) : null,
    );
  }

  /**
   * Records the export itself, then streams the filtered log oldest first as CSV (formulas neutralised)
   * or a JSON array. The tenant is captured now, so the stream reads the right chain after the handler.
   */
  async exportFile(query: AuditExportQuery): Promise<Download> {
    const format = query.format ?? 'csv';
    const tenantId = this.context.tenantId;
    const [timeZone, locale] = await Promise.all([this.institution.timeZone(), this.readerLocale()]);
    await this.record({
      action: 'audit.export',
      details: { format, filter: { ...query, format: undefined } },
    });
    const events = this.exportedEvents(tenantId, toFilter(query), locale);
    return {
      filename: `audit-${new Date().toISOString().slice(0, 10)}.${format}`,
      contentType: format === 'csv' ? CSV_CONTENT_TYPE : 'application/json; charset=utf-8',
      body:
        format === 'csv' ? csvLines(AUDIT_EXPORT_COLUMNS, csvRowsOf(events, timeZone)) : jsonArrayOf(events),
      noStore: true,
    };
  }

  /** The export's events with their names: one name lookup per target type per batch of 500. */
  private async *exportedEvents(
    tenantId: string,
    filter: AuditFilter,
    locale: Locale,
  ): AsyncGenerator<AuditEventDto> {
    for await (const batch of this.batches(tenantId, filter)) {
      const names = await this.context.runAsTenant(tenantId, () => this.names.of(batch));
      for (const e of batch) yield auditEventDto(e, names, locale);
    }
  }

  /** The requesting user's saved language (users.locale), read once per list page or export. */
  private readerLocale(): Promise<Locale> {
    return this.names.localeOf(this.context.userId);
  }

  /** Oldest-first batches for streaming exports; each batch runs in the tenant captured by the caller. */
  async *batches(tenantId: string, filter: AuditFilter, batchSize = 500): AsyncGenerator<AuditEvent[]> {
    let after = 0;
    for (;;) {
      const batch = await this.context.runAsTenant(tenantId, () =>
        this.events.oldestFirst(filter, batchSize, after),
      );
      if (batch.length === 0) return;
      yield batch;
      after = batch[batch.length - 1]!.seq;
      if (batch.length < batchSize) return;
    }
  }

  /**
   * Recomputes the current tenant's chain and names the first broken link: an edited row (hash mismatch),
   * a deleted row (a gap in seq), or a truncated tail (the signed head names a later seq).
   */
  async verify(): Promise<AuditVerifyResponse> {
    const tenantId = this.context.tenantId;
    const head = await this.heads.current();
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for await (const batch of this.batches(tenantId, {}, 1000)) {
      for (const e of batch) {
        if (e.seq !== expectedSeq) {
          return {
            ok: false,
            checked,
            firstBrokenSeq: expectedSeq,
            reason: `event ${expectedSeq} is missing`,
          };
        }
        if (e.prevHash !== prevHash || linkHash(this.key, e, prevHash) !== e.hash) {
          return { ok: false, checked, firstBrokenSeq: e.seq, reason: `event ${e.seq} was altered` };
        }
        prevHash = e.hash;
        expectedSeq++;
        checked++;
      }
    }
    const lastSeq = expectedSeq - 1;
    if (!head) {
      return lastSeq === 0
        ? { ok: true, checked, lastSeq }
        : { ok: false, checked, firstBrokenSeq: 1, reason: 'the chain head is missing' };
    }
    if (head.headMac !== headMac(this.key, tenantId, head.lastSeq, head.lastHash)) {
      return {
        ok: false,
        checked,
        firstBrokenSeq: Math.min(head.lastSeq, lastSeq + 1) || 1,
        reason: 'the chain head was altered',
      };
    }
    if (head.lastSeq > lastSeq) {
      return {
        ok: false,
        checked,
        firstBrokenSeq: lastSeq + 1,
        reason: `events ${lastSeq + 1} to ${head.lastSeq} are missing (truncated)`,
      };
    }
    if (head.lastSeq !== lastSeq || head.lastHash !== prevHash) {
      return {
        ok: false,
        checked,
        firstBrokenSeq: head.lastSeq + 1,
        reason: 'events after the chain head are not part of the chain',
      };
    }
    return { ok: true, checked, lastSeq };
  }
}
