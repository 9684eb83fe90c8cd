/**
 * Retention policy (issue 13 item 6, PRV-04): how long a school keeps its logs of processing and its
 * message delivery records. The installation sets the defaults (validated environment); a school may
 * override them within bounds. Logs of processing are kept at least one year (DPDP Rules 2025), so a
 * shorter period is refused. Audit events are a tamper-evident chain and are kept for as long as the
 * school uses the service; access archives expire after PRIVACY_ARCHIVE_TTL_DAYS on their own.
 */

/** DPDP Rules 2025: logs of processing are kept at least one year. */
export const RETENTION_LOG_DAYS_MIN = 365;
export const RETENTION_LOG_DAYS_MAX = 3650;
/** Message delivery records: at least 30 days (a school can still answer "did my message go?"). */
export const RETENTION_DELIVERY_DAYS_MIN = 30;
export const RETENTION_DELIVERY_DAYS_MAX = 3650;

/** The categories the policy covers, in the order the screen shows them. */
export const RETENTION_CATEGORIES = ['processingLogs', 'deliveryRecords', 'auditEvents', 'archives'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/** PUT /privacy/retention. `null` follows the installation default. */
export interface UpdateRetentionPolicy {
  /** Ended sign-in sessions (device, IP address): 365..3650 days. */
  processingLogDays: number | null;
  /** Sent, delivered and failed messages with their delivery reports: 30..3650 days. */
  deliveryRecordDays: number | null;
}

export interface RetentionPolicyView {
  /** The school's own choice, or null when it follows the installation default. */
  processingLogDays: number | null;
  deliveryRecordDays: number | null;
  /** The installation defaults (environment). */
  defaults: { processingLogDays: number; deliveryRecordDays: number };
  /** What the job applies: the school's choice, else the default. */
  effective: { processingLogDays: number; deliveryRecordDays: number };
  bounds: {
    processingLogDays: { min: number; max: number };
    deliveryRecordDays: { min: number; max: number };
  };
  /** Fixed by the service: audit events are never deleted (null: kept while the school uses Shala). */
  auditEventDays: null;
  /** Fixed by the service: access archives are dropped this many days after they were made. */
  archiveDays: number;
  updatedAt: string | null;
}

/** One pass of the retention job over one school, and what it deleted. */
export interface RetentionRunView {
  id: string;
  /** ISO date-times. */
  startedAt: string;
  finishedAt: string | null;
  /** The school's local day the pass ran for (YYYY-MM-DD). */
  runDay: string;
  processingLogDays: number;
  deliveryRecordDays: number;
  deleted: { processingLogs: number; deliveryRecords: number };
  status: 'running' | 'done' | 'failed';
}
