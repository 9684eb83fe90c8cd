import type { SmsWebhookResult } from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { safeEqual } from '../../platform/security/tokens';
import { RequestContext } from '../../platform/tenancy/request-context';
import { InstitutionsService } from '../institutions/institutions.service';
import { ChannelSettingsService } from './channel-settings.service';
import {
  ProviderReport,
  ProviderReportsRecorder,
  WebhookSignatureError,
  parseWebhookJson,
} from './provider-reports';

/** How far a report's signed timestamp may be from now; older signed requests are replays. */
export const SMS_WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * MSG91's documented delivery-report status codes (SMS webhook, version 2): 1 delivered; 2 failed;
 * 9 NDNC (the number is on the do-not-disturb register); 16 and 25 rejected; 17 blocked number. Other
 * codes are interim states that change nothing.
 */
const STATUSES: Record<string, { event: 'delivered' | 'failed'; label: string }> = {
  '1': { event: 'delivered', label: 'Delivered' },
  '2': { event: 'failed', label: 'Failed' },
  '9': { event: 'failed', label: 'NDNC: the number is on the do-not-disturb register' },
  '16': { event: 'failed', label: 'Rejected' },
  '17': { event: 'failed', label: 'Blocked number' },
  '25': { event: 'failed', label: 'Rejected' },
};

const code = z.union([z.string().regex(/^\d{1,3}$/), z.number().int().min(0).max(999)]).transform(String);

const reportSchema = z
  .object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'date must be YYYY-MM-DD HH:MM:SS')
      .optional(),
    number: z.string().max(20).optional(),
    status: code,
    desc: z.string().max(100).optional(),
    failedReason: z.string().max(300).optional(),
  })
  .passthrough();

/** The `data` field of an MSG91 v2 delivery report: one entry per send request, its reports per number. */
const dataSchema = z
  .array(
    z
      .object({
        senderId: z.string().max(20).optional(),
        requestId: z.string().min(1).max(100),
        report: z.array(reportSchema).min(1).max(100),
        userId: z.string().max(64).optional(),
        campaignName: z.string().max(200).optional(),
      })
      .passthrough(),
  )
  .min(1)
  .max(1000);

/** MSG91 reports times in India Standard Time, without a zone. */
function reportedAt(date: string | undefined, received: Date): Date {
  if (!date) return received;
  const at = new Date(`${date.replace(' ', 'T')}+05:30`);
  return Number.isNaN(at.getTime()) ? received : at;
}

/**
 * SMS delivery reports (APP-07), one callback URL per institution, in the shape MSG91 documents for its
 * SMS webhook (version 2): POST application/x-www-form-urlencoded with one field `data`, a JSON array
 * of { senderId, requestId, report: [{ date, number, status, desc, failedReason }] }. MSG91 documents
 * no signature, so the gateway contract adds one: X-Dlr-Signature is `sha256=` and the hex HMAC-SHA256,
 * under the institution's SMS webhook secret, of `<X-Dlr-Timestamp>.<raw body>`. It is checked in
 * constant time before the body is parsed; a timestamp more than five minutes from now is a replay
 * (401); each report is applied once (ProviderReportsRecorder), so the gateway's retries and replays
 * inside the window change nothing; a report is matched by its request id (the id the gateway answered
 * the send with) among this institution's SMS messages only.
 */
@Injectable()
export class SmsWebhookService {
  constructor(
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly channels: ChannelSettingsService,
    private readonly reports: ProviderReportsRecorder,
  ) {}

  static signatureOf(secret: string, timestamp: string, raw: Buffer): string {
    return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest('hex')}`;
  }

  private async secretOf(institutionId: string): Promise<string | null> {
    if (!(await this.institutions.findById(institutionId))) return null;
    return this.context.runAsTenant(institutionId, () => this.channels.smsWebhookSecret());
  }

  async receive(
    institutionId: string,
    raw: Buffer | undefined,
    timestamp: string | undefined,
    signature: string | undefined,
  ): Promise<SmsWebhookResult> {
    const now = new Date();
    const secret = await this.secretOf(institutionId);
    const stamp =
      typeof timestamp === 'string' && /^\d{1,12}$/.test(timestamp.trim()) ? timestamp.trim() : '';
    const expected = secret && raw && stamp ? SmsWebhookService.signatureOf(secret, stamp, raw) : null;
    // Same work whether or not the institution or its secret exists, then one constant-time comparison.
    const given = typeof signature === 'string' ? signature.trim().toLowerCase() : '';
    if (!safeEqual(given, expected ?? 'sha256=' + '0'.repeat(64)) || !expected)
      throw new WebhookSignatureError();
    if (Math.abs(now.getTime() / 1000 - Number(stamp)) > SMS_WEBHOOK_TOLERANCE_SECONDS)
      throw new WebhookSignatureError(
        'The webhook timestamp is more than five minutes from now: a replayed or delayed request.',
      );

    const data = new URLSearchParams(raw!.toString('utf8')).get('data');
    if (data === null)
      throw new ValidationFailedError([
        { field: 'data', message: 'data is required (application/x-www-form-urlencoded)' },
      ]);
    const requests = parseWebhookJson(dataSchema, data, 'data field', 'data');
    const reports: (ProviderReport | null)[] = requests.flatMap((request) =>
      request.report.map((r) => {
        const status = STATUSES[r.status];
        if (!status) return null;
        const said = [r.desc, r.failedReason].filter((s) => !!s?.trim()).join(': ');
        return {
          channel: 'sms',
          providerMessageId: request.requestId,
          event: status.event,
          at: reportedAt(r.date, now),
          reason: status.event === 'failed' ? `${said || status.label} (status ${r.status})` : null,
          dedupeKey: `sms:${request.requestId}:${r.status}`,
          source: 'the SMS gateway',
        };
      }),
    );
    return this.context.runAsTenant(institutionId, async () => ({
      reports: reports.length,
      ...(await this.reports.recordAll(reports)),
    }));
  }
}
