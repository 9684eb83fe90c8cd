import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  CommonErrorCode,
  type OnlineOrder as OrderView,
  type PaymentWebhookOutcome as WebhookOutcome,
} from '@shala/contracts';
import type { FastifyInstance } from 'fastify';
import { createHmac } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import {
  DependencyUnavailableError,
  DomainError,
  NotFoundError,
  RuleViolationError,
} from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { InstitutionsService } from '../institutions/institutions.service';
import { StudentDirectory } from '../students/student-directory';
import { FeeOnlineOrder } from './entities/fees.entities';
import { FeesErrorCode, OverpaymentError } from './fees.errors';
import { OnlinePaymentsNotSetUpError, PaymentWebhookSignatureError } from './fees-online.errors';
import { ChildShare, FeesFamilyOrdersService } from './fees-family-orders.service';
import { FeesGatewaySettingsService } from './fees-gateway-settings.service';
import { FeesLedgerService } from './fees-ledger.service';
import { FeesPaymentsService } from './fees-payments.service';
import { FEES_WEBHOOK_PREFIX } from './fees-webhook-raw-body';
import {
  FeeAccountsRepository,
  FeeOnlineOrdersRepository,
  FeeWebhookEventsRepository,
} from './fees.repository';
import { PaymentGateway, verifyHexHmac } from './payments/payment-gateway';
import { RazorpayGateway } from './payments/razorpay.gateway';
import { RazorpayTransport } from './payments/razorpay-transport';
import { PAYMENT_SANDBOX } from './payments/sandbox-policy';
import { SandboxGateway } from './payments/sandbox.gateway';

type WebhookReader = Pick<PaymentGateway, 'verifySignature' | 'parseEvent'>;

/** Checks a signature for an unknown provider, so a refusal costs the same work as a real check. */
const throwawayVerifier: Pick<PaymentGateway, 'verifySignature'> = { verifySignature: verifyHexHmac };

/**
 * Online fee payments (APP-07): a parent opens an order with the provider; the provider's signed webhook
 * (checked on the raw body in constant time before parsing) credits it exactly once: the event id is
 * recorded under the student's account lock, and an order moves from created to paid only once.
 *
 * The sandbox (PAYMENT_SANDBOX) exists only in development and test with demo mode on: elsewhere it takes
 * no orders, its webhook path is refused like an unknown provider's and its checkout answers 404.
 */
@Injectable()
export class FeesOnlineService {
  /** Webhook readers per provider (checking a signature and reading an event need no API credentials). */
  private readonly gateways: Map<string, WebhookReader>;

  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly institutions: InstitutionsService,
    private readonly students: StudentDirectory,
    private readonly ledger: FeesLedgerService,
    private readonly institution: CurrentInstitution,
    private readonly payments: FeesPaymentsService,
    private readonly orders: FeeOnlineOrdersRepository,
    private readonly accounts: FeeAccountsRepository,
    private readonly events: FeeWebhookEventsRepository,
    private readonly audit: AuditService,
    private readonly gatewaySettings: FeesGatewaySettingsService,
    private readonly family: FeesFamilyOrdersService,
    private readonly razorpayTransport: RazorpayTransport,
    @Inject(PAYMENT_SANDBOX) private readonly sandbox: SandboxGateway | null,
  ) {
    this.gateways = new Map<string, WebhookReader>([
      ['razorpay', new RazorpayGateway({ keyId: '', keySecret: '' })],
      ...(sandbox ? [['sandbox', sandbox] as const] : []),
    ]);
  }

  /** The webhook secret of a provider for an institution (sandbox: derived from a server secret). */
  webhookSecret(provider: string, institutionId: string): string {
    return createHmac('sha256', this.config.secrets.JWT_SECRET)
      .update(`shala:fees:webhook:${provider}:${institutionId}`)
      .digest('hex');
  }

  /**
   * The secret a provider's webhook for an institution is signed with: the sandbox's is derived from a
   * server secret; Razorpay's is the one that institution stored (APP-07: another school's secret never
   * verifies here). Null when the institution has none.
   */
  private async webhookSecretFor(provider: string, institutionId: string): Promise<string | null> {
    if (provider === 'sandbox') return this.webhookSecret(provider, institutionId);
    return this.context.runAsTenant(institutionId, () => this.gatewaySettings.webhookSecret(provider));
  }

  /**
   * The institution's payment provider for new orders: its own Razorpay account when ready, else the
   * sandbox where one exists (development and test), else none: online payments are not set up.
   */
  private async gatewayForOrders(): Promise<PaymentGateway> {
    const razorpay = await this.gatewaySettings.razorpayForOrders();
    if (!razorpay) {
      if (this.sandbox) return this.sandbox;
      throw new OnlinePaymentsNotSetUpError();
    }
    return new RazorpayGateway(
      { ...razorpay, baseUrl: this.razorpayTransport.baseUrl },
      this.razorpayTransport.fetch,
    );
  }

  private async view(o: FeeOnlineOrder, razorpayKeyId: string | null = null): Promise<OrderView> {
    return {
      id: o.id,
      studentId: o.studentId,
      amount: o.amount,
      currency: o.currency,
      provider: o.provider,
      providerOrderId: o.providerOrderId,
      status: o.status,
      paymentId: o.paymentId,
      parts: await this.family.partsOf(o),
      checkout:
        o.provider === 'sandbox'
          ? {
              provider: 'sandbox',
              order_id: o.providerOrderId,
              // Only where the sandbox exists: the web offers its "pay" button on this link alone.
              ...(this.sandbox
                ? { sandboxCheckout: `/api/v1/fees/online-orders/${o.id}/sandbox-checkout` }
                : {}),
            }
          : {
              provider: o.provider,
              order_id: o.providerOrderId,
              amount: o.amount,
              currency: o.currency,
              ...(razorpayKeyId ? { key: razorpayKeyId } : {}),
            },
    };
  }

  async createOrder(studentId: string, amount: number): Promise<OrderView> {
    await this.students.visible(studentId);
    const dues = await this.ledger.duesOf(studentId);
    const outstanding = dues.reduce((s, d) => s + Math.max(0, d.outstanding), 0);
    const currency = await this.institution.currency();
    if (amount > outstanding) throw new OverpaymentError(outstanding, currency);
    return this.open(studentId, amount, currency, null);
  }

  /**
   * One order for several of the caller's own children (404 for any other child), each share at most
   * that child's dues; the capture books one payment and receipt per child.
   */
  async createFamilyOrder(children: ChildShare[]): Promise<OrderView> {
    const shares = await this.family.checkShares(children);
    const amount = shares.reduce((s, c) => s + c.amount, 0);
    return this.open(shares[0]!.studentId, amount, await this.institution.currency(), shares);
  }

  private async open(
    studentId: string,
    amount: number,
    currency: string,
    shares: ChildShare[] | null,
  ): Promise<OrderView> {
    const gateway = await this.gatewayForOrders();
    const id = uuidv7();
    const order = await gateway
      .createOrder({ amount, currency, receipt: id, notes: { studentId } })
      .catch(() => {
        // The provider's answer is not echoed (it may carry account details); the status is in its dashboard.
        throw new DependencyUnavailableError('The payment provider did not accept the order; try again.');
      });
    const row = {
      id,
      studentId,
      amount,
      currency,
      provider: gateway.name,
      providerOrderId: order.providerOrderId,
      status: 'created' as const,
      paymentId: null,
      createdBy: this.context.userId,
    };
    await this.db.transaction(async () => {
      await this.orders.add(row);
      if (shares) await this.family.addParts(id, shares);
      await this.audit.record({
        action: 'fees.online_order.create',
        targetType: 'fee_online_order',
        targetId: id,
        details: { studentId, amount, currency, ...(shares ? { children: shares } : {}) },
      });
    });
    return this.view(
      { ...row, tenantId: this.context.tenantId },
      typeof order.checkout.key === 'string' ? order.checkout.key : null,
    );
  }

  /** An order of a student the caller may see; 404 for any other (existence never leaks). */
  private async visibleOrder(id: string): Promise<FeeOnlineOrder> {
    const o = await this.orders.byId(id);
    if (!o) throw new NotFoundError('The order');
    const ids = await this.family.studentIdsOf(o);
    if ((await this.students.visibleMany(ids)).length !== ids.length) throw new NotFoundError('The order');
    return o;
  }

  async order(id: string): Promise<OrderView> {
    const o = await this.visibleOrder(id);
    return this.view(o, o.provider === 'razorpay' ? await this.gatewaySettings.razorpayKeyId() : null);
  }

  /**
   * The sandbox's checkout: "pays" the order by posting a correctly signed payment.captured event to the
   * public webhook path, exactly as a provider would, and answers the order afterwards. Only where the
   * sandbox exists, and only for the payer who opened the order: 404 for everyone else (another guardian
   * of the same child, staff), as for an order that does not exist.
   */
  async sandboxCheckout(id: string): Promise<OrderView> {
    if (!this.sandbox) throw new NotFoundError('The order');
    const o = await this.visibleOrder(id);
    if (!o.createdBy || o.createdBy !== this.context.userId) throw new NotFoundError('The order');
    if (o.provider !== 'sandbox' || o.status !== 'created')
      throw new RuleViolationError(
        'This order is not waiting for a sandbox payment.',
        FeesErrorCode.OrderNotPending,
      );
    const tenantId = this.context.tenantId;
    const raw = SandboxGateway.capturedEvent(o.providerOrderId, o.amount, o.currency);
    const instance = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const res = await instance.inject({
      method: 'POST',
      url: `${FEES_WEBHOOK_PREFIX}sandbox/${tenantId}`,
      headers: {
        'content-type': 'application/json',
        'x-razorpay-signature': createHmac('sha256', this.webhookSecret('sandbox', tenantId))
          .update(raw)
          .digest('hex'),
        'x-razorpay-event-id': `evt_sbx_${uuidv7().replace(/-/g, '')}`,
      },
      payload: raw,
    });
    if (res.statusCode !== 200) throw new Error(`The sandbox webhook answered ${res.statusCode}`);
    return this.order(id);
  }

  /** A provider's webhook for one institution: verify, then credit once. */
  async receiveWebhook(
    provider: string,
    institutionId: string,
    raw: Buffer | undefined,
    signature: string | undefined,
    eventIdHeader: string | undefined,
  ): Promise<WebhookOutcome> {
    const gateway = this.gateways.get(provider);
    const institution = gateway ? await this.institutions.findById(institutionId) : null;
    const secret = institution ? await this.webhookSecretFor(provider, institutionId) : null;
    // Verify before parsing anything; the same work whether or not the provider, institution or secret
    // exists (an unknown one is checked against a throwaway secret and then refused).
    const valid =
      !!raw &&
      (gateway ?? throwawayVerifier).verifySignature(
        raw,
        signature,
        secret ?? this.webhookSecret(provider, institutionId),
      );
    if (!valid || !gateway || !institution || !secret) throw new PaymentWebhookSignatureError();
    let event;
    try {
      event = gateway.parseEvent(raw, eventIdHeader);
    } catch {
      throw new DomainError(400, CommonErrorCode.MalformedBody, 'The webhook body is not a payment event.');
    }
    return this.context.runAsTenant(institutionId, async () => {
      if (!event.providerOrderId) return { outcome: 'ignored' as const };
      const order = await this.orders.byProviderOrderId(provider, event.providerOrderId);
      if (!order) return { outcome: 'ignored' as const };
      return this.db.transaction(async (): Promise<WebhookOutcome> => {
        await this.accounts.lock(order.studentId);
        const fresh = await this.events.claim({
          provider,
          eventId: event.eventId,
          eventType: event.type.slice(0, 60),
          outcome: event.outcome,
        });
        if (!fresh) return { outcome: 'duplicate' };
        const current = (await this.orders.byId(order.id))!;
        if (event.outcome === 'failed' && current.status === 'created') {
          await this.orders.markFailed(order.id);
          return { outcome: 'failed' };
        }
        if (event.outcome !== 'captured' || current.status !== 'created') return { outcome: 'ignored' };
        if (event.amount !== current.amount || (event.currency && event.currency !== current.currency)) {
          await this.audit.record({
            action: 'fees.online_payment.mismatch',
            targetType: 'fee_online_order',
            targetId: order.id,
            outcome: 'failure',
            details: { event },
          });
          return { outcome: 'unallocatable' };
        }
        const reference = event.providerPaymentId ?? current.providerOrderId;
        const family = await this.family.creditLocked(current, reference);
        if (family && 'firstPaymentId' in family) {
          await this.orders.markPaid(order.id, family.firstPaymentId);
          return { outcome: 'credited' };
        }
        // A family order's share that no longer fits its child's dues, or a single child's order.
        const outstanding = family
          ? family.unallocatable.outstanding
          : (await this.ledger.duesOf(order.studentId)).reduce((s, d) => s + Math.max(0, d.outstanding), 0);
        if (family || current.amount > outstanding) {
          // Money arrived that can no longer be allocated (paid at the counter meanwhile): refund by hand.
          await this.orders.markFailed(order.id);
          await this.audit.record({
            action: 'fees.online_payment.unallocatable',
            targetType: 'fee_online_order',
            targetId: order.id,
            outcome: 'failure',
            details: { amount: current.amount, outstanding },
          });
          return { outcome: 'unallocatable' };
        }
        const paymentId = await this.payments.recordLocked(
          order.studentId,
          {
            amount: current.amount,
            method: 'online',
            reference,
          },
          null,
          null,
        );
        await this.orders.markPaid(order.id, paymentId);
        return { outcome: 'credited' };
      });
    });
  }
}
