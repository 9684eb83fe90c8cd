import {
  type ErrorDetail,
  RETENTION_DELIVERY_DAYS_MAX,
  RETENTION_DELIVERY_DAYS_MIN,
  RETENTION_LOG_DAYS_MAX,
  RETENTION_LOG_DAYS_MIN,
  type UpdateRetentionPolicy,
} from '@shala/contracts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionPeriods {
  processingLogDays: number;
  deliveryRecordDays: number;
}

/** What the job applies: the school's choice where it made one, else the installation default. */
export function effectivePeriods(
  defaults: RetentionPeriods,
  school: { processingLogDays: number | null; deliveryRecordDays: number | null } | null,
): RetentionPeriods {
  return {
    processingLogDays: school?.processingLogDays ?? defaults.processingLogDays,
    deliveryRecordDays: school?.deliveryRecordDays ?? defaults.deliveryRecordDays,
  };
}

/**
 * The problems of a school's policy, one per field; empty when it may be saved. Logs of processing are
 * kept at least one year (DPDP Rules 2025): a shorter period is refused with that reason.
 */
export function policyProblems(policy: UpdateRetentionPolicy): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const log = policy.processingLogDays;
  if (log !== null && log < RETENTION_LOG_DAYS_MIN)
    problems.push({
      field: 'processingLogDays',
      message: `Logs of processing must be kept at least ${RETENTION_LOG_DAYS_MIN} days (one year, DPDP Rules 2025).`,
      min: RETENTION_LOG_DAYS_MIN,
    });
  else if (log !== null && log > RETENTION_LOG_DAYS_MAX)
    problems.push({
      field: 'processingLogDays',
      message: `Logs of processing may be kept at most ${RETENTION_LOG_DAYS_MAX} days.`,
      max: RETENTION_LOG_DAYS_MAX,
    });
  const delivery = policy.deliveryRecordDays;
  if (delivery !== null && (delivery < RETENTION_DELIVERY_DAYS_MIN || delivery > RETENTION_DELIVERY_DAYS_MAX))
    problems.push({
      field: 'deliveryRecordDays',
      message: `Message delivery records are kept between ${RETENTION_DELIVERY_DAYS_MIN} and ${RETENTION_DELIVERY_DAYS_MAX} days.`,
      min: RETENTION_DELIVERY_DAYS_MIN,
      max: RETENTION_DELIVERY_DAYS_MAX,
    });
  return problems;
}

/** Records made before this instant are past a period of `days` at `now`. */
export function cutoffOf(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
