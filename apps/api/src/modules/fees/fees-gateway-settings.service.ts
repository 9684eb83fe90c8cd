import type { GatewaySettingsView } from '@shala/contracts';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { RuleViolationError } from '../../platform/errors/domain-error';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { KeyRotation } from '../../platform/security/key-rotation';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { FeeGatewaySettings } from './entities/fee-gateway.entities';
import { FeeGatewaySettingsRepository } from './fee-gateway.repository';
import { FeesErrorCode } from './fees.errors';
import { FEES_WEBHOOK_PREFIX } from './fees-webhook-raw-body';
import type { RazorpayCredentials } from './payments/razorpay.gateway';

const RAZORPAY = 'razorpay';
const SECRET_NAMES = ['keySecret', 'webhookSecret'] as const;
type SecretName = (typeof SECRET_NAMES)[number];

/** An update: keyId replaces; a credential is kept when absent, set when a string, cleared when null. */
export interface GatewaySettingsUpdate {
  enabled: boolean;
  keyId?: string | null;
  keySecret?: string | null;
  webhookSecret?: string | null;
}

export class GatewayIncompleteError extends RuleViolationError {
  constructor(problems: { field: string; message: string }[]) {
    super(
      `Razorpay cannot be enabled yet: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`,
      FeesErrorCode.GatewayIncomplete,
      problems,
    );
  }
}

const secretsCell = (provider: string) => ({
  table: 'fee_gateway_settings',
  column: 'secrets_enc',
  rowId: provider,
});

/**
 * Each institution's own Razorpay account (APP-07, DAT-01): the key secret and webhook secret are
 * encrypted under the institution's data key, bound to its row, write-only over the API, audited as
 * set/cleared only, and moved to the newest key on rotation (DAT-02).
 */
@Injectable()
export class FeesGatewaySettingsService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly crypto: FieldCrypto,
    private readonly rotation: KeyRotation,
    private readonly rows: FeeGatewaySettingsRepository,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.rotation.register({
      name: 'fee_gateway_settings',
      reEncryptBatch: (v, n) => this.reEncryptBatch(v, n),
    });
  }

  private async secretsOf(row: FeeGatewaySettings | null): Promise<Partial<Record<SecretName, string>>> {
    if (!row?.secretsEnc) return {};
    const plain = await this.crypto.decrypt(secretsCell(row.provider), row.secretsEnc);
    return JSON.parse(plain ?? '{}') as Partial<Record<SecretName, string>>;
  }

  private static problemsOf(
    keyId: string | null,
    secrets: Partial<Record<SecretName, string>>,
  ): { field: string; message: string }[] {
    return [
      ...(keyId ? [] : [{ field: 'keyId', message: 'is not set' }]),
      ...SECRET_NAMES.filter((n) => !secrets[n]).map((field) => ({ field, message: 'is not set' })),
    ];
  }

  async view(): Promise<GatewaySettingsView> {
    const row = await this.rows.byProvider(RAZORPAY);
    const secrets = await this.secretsOf(row);
    const problems = FeesGatewaySettingsService.problemsOf(row?.keyId ?? null, secrets);
    const enabled = row?.enabled ?? false;
    return {
      provider: RAZORPAY,
      enabled,
      ready: enabled && problems.length === 0,
      problems: problems.map((p) => `${p.field} ${p.message}`),
      keyId: row?.keyId ?? null,
      secrets: { keySecret: { set: !!secrets.keySecret }, webhookSecret: { set: !!secrets.webhookSecret } },
      webhookUrl: `${this.config.publicUrl}${FEES_WEBHOOK_PREFIX}${RAZORPAY}/${this.context.tenantId}`,
      updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
    };
  }

  async update(update: GatewaySettingsUpdate): Promise<GatewaySettingsView> {
    await this.crypto.ready();
    await this.db.transaction(async () => {
      const row = await this.rows.byProvider(RAZORPAY);
      const secrets = await this.secretsOf(row);
      const changes: Partial<Record<SecretName, 'set' | 'cleared'>> = {};
      for (const name of SECRET_NAMES) {
        const value = update[name];
        if (value === undefined) continue;
        if (value === null || value === '') {
          if (secrets[name]) changes[name] = 'cleared';
          delete secrets[name];
        } else {
          secrets[name] = value;
          changes[name] = 'set';
        }
      }
      const keyId = update.keyId === undefined ? (row?.keyId ?? null) : update.keyId?.trim() || null;
      const problems = FeesGatewaySettingsService.problemsOf(keyId, secrets);
      if (update.enabled && problems.length) throw new GatewayIncompleteError(problems);
      const values = {
        enabled: update.enabled,
        keyId,
        secretsEnc: Object.keys(secrets).length
          ? await this.crypto.encrypt(secretsCell(RAZORPAY), JSON.stringify(secrets))
          : null,
        updatedAt: new Date(),
      };
      if (row) await this.rows.patch(RAZORPAY, values);
      else await this.rows.add({ provider: RAZORPAY, ...values });
      await this.audit.record({
        action: 'fees.gateway.update',
        targetType: 'fee_gateway_settings',
        targetId: RAZORPAY,
        // Credentials appear only as set/cleared, never their values.
        details: { provider: RAZORPAY, enabled: update.enabled, keyId, credentials: changes },
      });
    });
    return this.view();
  }

  /** The institution's Razorpay API credentials when Razorpay is enabled and complete, else null. */
  async razorpayForOrders(): Promise<(RazorpayCredentials & { keyId: string }) | null> {
    const row = await this.rows.byProvider(RAZORPAY);
    if (!row?.enabled || !row.keyId) return null;
    const secrets = await this.secretsOf(row);
    if (!secrets.keySecret || !secrets.webhookSecret) return null;
    return { keyId: row.keyId, keySecret: secrets.keySecret };
  }

  /** The key id shown to Razorpay's checkout for this institution's orders, if set. */
  async razorpayKeyId(): Promise<string | null> {
    return (await this.rows.byProvider(RAZORPAY))?.keyId ?? null;
  }

  /**
   * The current institution's webhook secret for a provider, or null. Read whether or not the provider
   * is enabled: payments opened before it was switched off still arrive.
   */
  async webhookSecret(provider: string): Promise<string | null> {
    if (provider !== RAZORPAY) return null;
    return (await this.secretsOf(await this.rows.byProvider(RAZORPAY))).webhookSecret ?? null;
  }

  /** Re-encrypts credentials under the newest data key (DAT-02); returns how many rows. */
  async reEncryptBatch(oldVersion: number, limit: number): Promise<number> {
    const rows = await this.rows.encryptedUnder(oldVersion, limit);
    for (const row of rows) {
      const plain = await this.crypto.decrypt(secretsCell(row.provider), row.secretsEnc);
      await this.rows.patch(row.provider, {
        secretsEnc: await this.crypto.encrypt(secretsCell(row.provider), plain),
      });
    }
    return rows.length;
  }
}
