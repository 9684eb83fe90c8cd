/**
 * Institution offboarding by the platform operator (issue 13 item 5, PRV-03): terminate a school, hand over
 * a full encrypted export, purge every row after the retention period and keep a deletion certificate.
 */

/** Days between termination and purge the operator may choose. */
export const OFFBOARDING_RETENTION_MIN_DAYS = 30;
export const OFFBOARDING_RETENTION_MAX_DAYS = 90;
export const OFFBOARDING_RETENTION_DEFAULT_DAYS = 90;
/** The export passphrase: at least this long (NIST SP 800-63B style, no composition rules). */
export const EXPORT_PASSPHRASE_MIN_LENGTH = 12;
export const EXPORT_PASSPHRASE_MAX_LENGTH = 256;

/** POST /platform/institutions/:id/offboarding */
export interface TerminateInstitution {
  /** The school's name, typed again exactly as a confirmation. */
  confirmName: string;
  /** 30..90, default 90. */
  retentionDays?: number;
  /** The passphrase the school admin chose (the operator types it on the admin's behalf); never stored. */
  passphrase: string;
}

/** POST /platform/institutions/:id/offboarding/export: make the export again (after a failure, or a new passphrase). */
export interface RestartInstitutionExport {
  passphrase: string;
}

export const OFFBOARDING_EXPORT_STATUSES = ['running', 'done', 'failed', 'purged'] as const;
export type OffboardingExportStatus = (typeof OFFBOARDING_EXPORT_STATUSES)[number];

export interface OffboardingView {
  institutionId: string;
  institutionName: string;
  slug: string;
  /** ISO date-times. */
  terminatedAt: string;
  terminatedBy: string;
  retentionDays: number;
  /** The purge runs on or after this moment. */
  purgeAfter: string;
  purgedAt: string | null;
  export: {
    status: OffboardingExportStatus;
    /** Tables written so far, of `total` (+1 for the manifest). */
    done: number;
    total: number;
    startedAt: string;
    finishedAt: string | null;
    /** How long the export took, in milliseconds; null while it runs. */
    durationMs: number | null;
    /** Size and SHA-256 (hex) of the encrypted file, once done. */
    bytes: number | null;
    sha256: string | null;
  };
}

/** A deletion certificate: what the purge removed, kept in the platform after the school's data is gone. */
export interface DeletionCertificateView {
  id: string;
  institutionId: string;
  institutionName: string;
  slug: string;
  terminatedAt: string;
  purgedAt: string;
  /** The operator who ran the purge, or null when the scheduled job did. */
  purgedBy: string | null;
  totalRows: number;
  /** Rows deleted per table, every tenant table named (0 included). */
  tables: Record<string, number>;
}

export const OffboardingErrorCode = {
  ConfirmationMismatch: 'OFFBOARDING_CONFIRMATION_MISMATCH',
  AlreadyTerminated: 'OFFBOARDING_ALREADY_TERMINATED',
  NotTerminated: 'OFFBOARDING_NOT_TERMINATED',
  PurgeNotDue: 'OFFBOARDING_PURGE_NOT_DUE',
  AlreadyPurged: 'OFFBOARDING_ALREADY_PURGED',
  ExportNotReady: 'OFFBOARDING_EXPORT_NOT_READY',
  ExportRunning: 'OFFBOARDING_EXPORT_RUNNING',
} as const;
export type OffboardingErrorCode = (typeof OffboardingErrorCode)[keyof typeof OffboardingErrorCode];
