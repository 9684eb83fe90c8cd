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

/** Columns of the CSV export, in order (also the keys of each JSON export element). */
export const AUDIT_EXPORT_COLUMNS = [
  'seq',
  'id',
  'occurredAt',
  'actorUserId',
  'action',
  'outcome',
  'targetType',
  'targetId',
  'ip',
  'userAgent',
  'requestId',
  'details',
  'prevHash',
  'hash',
] as const;

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
