import { createHmac } from 'node:crypto';
import type { AuditEvent } from './entities/audit-event.entity';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a link covers, in a fixed order: changing any of them breaks the link. */
export function canonicalEvent(e: Omit<AuditEvent, 'prevHash' | 'hash'>): string {
  return JSON.stringify([
    e.tenantId,
    Number(e.seq),
    e.id,
    e.occurredAt.toISOString(),
    e.actorUserId,
    e.action,
    e.targetType,
    e.targetId,
    e.outcome,
    e.ip,
    e.userAgent,
    e.requestId,
    e.details,
  ]);
}

/** hash = HMAC-SHA256(key, canonical(event) || previous hash) (AUD-03). */
export function linkHash(
  key: string,
  event: Omit<AuditEvent, 'prevHash' | 'hash'>,
  prevHash: string,
): string {
  return createHmac('sha256', key).update(canonicalEvent(event)).update('|').update(prevHash).digest('hex');
}

export function headMac(key: string, tenantId: string, lastSeq: number, lastHash: string): string {
  return createHmac('sha256', key).update(`head|${tenantId}|${lastSeq}|${lastHash}`).digest('hex');
}
