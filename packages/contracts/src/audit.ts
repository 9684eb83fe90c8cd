/**
 * Request and response bodies of the audit log (/api/v1/audit): the query, the export and the chain check.
 */

export const AuditOutcome = {
  Success: 'success',
  Failure: 'failure',
  Denied: 'denied',
} as const;
export type AuditOutcome = (typeof AuditOutcome)[keyof typeof AuditOutcome];

export const AuditExportFormat = {
  Csv: 'csv',
  Json: 'json',
} as const;
export type AuditExportFormat = (typeof AuditExportFormat)[keyof typeof AuditExportFormat];

/**
 * Columns of the CSV export, in order: first what a person reads (the time in the school's time zone, the
 * sentence, the names), then the raw ids and the chain fields as they are stored. Each JSON export element
 * is an AuditEventDto (the same names and the UTC time; no local time).
 */
export const AUDIT_EXPORT_COLUMNS = [
  'seq',
  'localTime',
  'timeZone',
  'summary',
  'actorName',
  'action',
  'outcome',
  'targetType',
  'targetName',
  'id',
  'occurredAt',
  'actorUserId',
  'targetId',
  'ip',
  'userAgent',
  'requestId',
  'details',
  'prevHash',
  'hash',
] as const;
export type AuditExportColumn = (typeof AUDIT_EXPORT_COLUMNS)[number];

/** One link of the institution's hash chain (AUD-01..03). */
export interface AuditEventDto {
  /** 1, 2, 3, ... per institution, without gaps. */
  seq: number;
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  /** Dotted action name, e.g. auth.login or users.roles_changed. */
  action: string;
  outcome: AuditOutcome;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
  /** The actor's name now (resolved when read, not part of the chain); null without an actor or name. */
  actorName: string | null;
  /** The target's name now ("Class 5 A", "Asha Verma (GW-2026-001)"); null when unknown or deleted. */
  targetName: string | null;
  /** The event in one English sentence: "Ravi Kumar changed attendance of Class 5 A for 6 Dec 2026". */
  summary: string;
}

/** Filters shared by GET audit/events and GET audit/export. */
export interface AuditFilter {
  /** An exact action, or a prefix ending in * (auth.*). */
  action?: string;
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  /** ISO-8601 UTC, inclusive. */
  from?: string;
  /** ISO-8601 UTC, inclusive. */
  to?: string;
}

export interface AuditEventsQuery extends AuditFilter {
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

export interface AuditEventsResponse {
  /** Newest first. */
  items: AuditEventDto[];
  nextCursor: string | null;
}

export interface AuditExportQuery extends AuditFilter {
  format: AuditExportFormat;
}

/** GET audit/verify: the whole chain of the institution, recomputed. */
export type AuditVerifyResponse =
  | { ok: true; checked: number; lastSeq: number }
  | { ok: false; checked: number; firstBrokenSeq: number; reason: string };
