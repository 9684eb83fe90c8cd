import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import { fetchFile } from './fees.api';
import type { PaymentView } from '@shala/contracts';
import type {
  AdjustmentBody,
  CollectionsQuery,
  CollectionsReport,
  CreateStructureBody,
  DailyRunResult,
  DefaultersQuery,
  DefaultersReport,
  FeeHead,
  FeeReminderOutcome,
  FeeStructure,
  InvoiceRunResult,
  LateFeeRule,
  LateFeeRuleBody,
  OptionalHeadCharge,
  PaymentListItem,
  PaymentListQuery,
  ReminderKind,
  ReminderRule,
} from '@shala/contracts';

/** Keys under feesKeys.all, so a payment or an invoice run refreshes every fee screen. */
export const feesStaffKeys = {
  heads: (institutionId: string) => tenantKey(institutionId, 'fees', 'heads'),
  structures: (institutionId: string, yearId: string) =>
    tenantKey(institutionId, 'fees', 'structures', yearId),
  optionalHeads: (institutionId: string, studentId: string) =>
    tenantKey(institutionId, 'fees', 'optional-heads', studentId),
  paymentList: (institutionId: string, query: PaymentListQuery) =>
    tenantKey(institutionId, 'fees', 'payment-list', query),
  lateFeeRules: (institutionId: string) => tenantKey(institutionId, 'fees', 'late-fee-rules'),
  reminderRules: (institutionId: string) => tenantKey(institutionId, 'fees', 'reminder-rules'),
  defaulters: (institutionId: string, query: DefaultersQuery) =>
    tenantKey(institutionId, 'fees', 'defaulters', query),
  collections: (institutionId: string, query: CollectionsQuery) =>
    tenantKey(institutionId, 'fees', 'collections', query),
};

const base = '/v1/fees';
const id = (value: string) => encodeURIComponent(value);

export async function fetchHeads(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: FeeHead[] }>(`${base}/heads`, { signal });
  return data.items;
}

export async function createHead(body: { name: string; optional: boolean }) {
  const { data } = await apiClient.post<FeeHead>(`${base}/heads`, body);
  return data;
}

export async function fetchStructures(academicYearId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: FeeStructure[] }>(`${base}/structures`, {
    params: { academicYearId },
    signal,
  });
  return data.items;
}

export async function createStructure(body: CreateStructureBody) {
  const { data } = await apiClient.post<FeeStructure>(`${base}/structures`, body);
  return data;
}

export async function generateInvoices(structureId: string) {
  const { data } = await apiClient.post<InvoiceRunResult>(`${base}/structures/${id(structureId)}/invoices`);
  return data;
}

export async function fetchOptionalHeads(studentId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<{ heads: OptionalHeadCharge[] }>(
    `${base}/students/${id(studentId)}/optional-heads`,
    { signal },
  );
  return data.heads;
}

export async function setOptionalHeads(studentId: string, heads: OptionalHeadCharge[]) {
  const { data } = await apiClient.put<{ heads: OptionalHeadCharge[] }>(
    `${base}/students/${id(studentId)}/optional-heads`,
    { heads },
  );
  return data;
}

export async function adjustInvoice(invoiceId: string, body: AdjustmentBody) {
  const { data } = await apiClient.post<unknown>(`${base}/invoices/${id(invoiceId)}/adjustments`, body);
  return data;
}

export async function reversePayment(paymentId: string, reason: string) {
  const { data } = await apiClient.post<PaymentView>(`${base}/payments/${id(paymentId)}/reverse`, { reason });
  return data;
}

export async function fetchLateFeeRules(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: LateFeeRule[] }>(`${base}/late-fee-rules`, { signal });
  return data.items;
}

export async function createLateFeeRule(body: LateFeeRuleBody) {
  const { data } = await apiClient.post<LateFeeRule>(`${base}/late-fee-rules`, body);
  return data;
}

export async function fetchReminderRules(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: ReminderRule[] }>(`${base}/reminder-rules`, { signal });
  return data.items;
}

export async function createReminderRule(body: { kind: ReminderKind; days?: number }) {
  const { data } = await apiClient.post<ReminderRule>(`${base}/reminder-rules`, body);
  return data;
}

/** Query parameters without the empty ones (the API validates what is sent). */
function params(query: object): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as Record<string, string | number>;
}

export async function fetchDefaulters(query: DefaultersQuery, signal?: AbortSignal) {
  const { data } = await apiClient.get<DefaultersReport>(`${base}/reports/defaulters`, {
    params: params(query),
    signal,
  });
  return data;
}

export function exportDefaulters(query: DefaultersQuery) {
  return fetchFile(
    `${base}/reports/defaulters/export`,
    'text/csv',
    `fee-defaulters-${query.asOf ?? 'today'}.csv`,
    params(query),
  );
}

/** Queues the fee reminder to the student's opted-in guardians (once a day; a second call says already_sent). */
export async function sendFeeReminder(studentId: string) {
  const { data } = await apiClient.post<FeeReminderOutcome>(`${base}/students/${id(studentId)}/remind`);
  return data;
}

export async function fetchCollections(query: CollectionsQuery, signal?: AbortSignal) {
  const { data } = await apiClient.get<CollectionsReport>(`${base}/reports/collections`, {
    params: params(query),
    signal,
  });
  return data;
}

export function exportCollections(query: CollectionsQuery) {
  return fetchFile(
    `${base}/reports/collections/export`,
    'text/csv',
    `fee-collections-${query.from}-${query.to}.csv`,
    params(query),
  );
}

/** One page of the institution's payments, newest first (keyset cursor from the previous page). */
export async function fetchPaymentList(query: PaymentListQuery, cursor?: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: PaymentListItem[]; nextCursor: string | null }>(
    `${base}/payments`,
    { params: params({ ...query, cursor, limit: 50 }), signal },
  );
  return data;
}

/** Runs the daily fee job now: new enrolments invoiced, late fees booked, reminders written. */
export async function runDailyJob() {
  const { data } = await apiClient.post<DailyRunResult>(`${base}/jobs/daily`, {});
  return data;
}
