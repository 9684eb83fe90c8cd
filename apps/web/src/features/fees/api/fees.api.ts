import { apiClient } from '../../../app/api/client';
import { fileNameFromDisposition } from '../../../app/files';
import { tenantKey } from '../../../app/query-keys';
import type {
  FamilyDues,
  FamilyOrderBody,
  OnlineOrder,
  PaymentView,
  RecordPaymentBody,
  StudentDues,
  StudentSummary as StudentSearchItem,
} from '@shala/contracts';

export const feesKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'fees'),
  family: (institutionId: string) => tenantKey(institutionId, 'fees', 'family'),
  dues: (institutionId: string, studentId: string) => tenantKey(institutionId, 'fees', 'dues', studentId),
  payments: (institutionId: string, studentId: string) =>
    tenantKey(institutionId, 'fees', 'payments', studentId),
  studentSearch: (institutionId: string, q: string) => tenantKey(institutionId, 'fees', 'student-search', q),
};

const base = '/v1/fees';
const id = (value: string) => encodeURIComponent(value);

export async function fetchFamilyDues(signal?: AbortSignal) {
  const { data } = await apiClient.get<FamilyDues>(`${base}/family`, { signal });
  return data;
}

export async function fetchStudentDues(studentId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<StudentDues>(`${base}/students/${id(studentId)}/dues`, { signal });
  return data;
}

export async function fetchPayments(studentId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: PaymentView[] }>(
    `${base}/students/${id(studentId)}/payments`,
    { signal },
  );
  return data.items;
}

export async function recordPayment(studentId: string, body: RecordPaymentBody, idempotencyKey: string) {
  const { data } = await apiClient.post<PaymentView>(`${base}/students/${id(studentId)}/payments`, body, {
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return data;
}

export async function createOnlineOrder(studentId: string, amount: number) {
  const { data } = await apiClient.post<OnlineOrder>(`${base}/students/${id(studentId)}/online-orders`, {
    amount,
  });
  return data;
}

/** One order for several of the caller's children (each child gets its own payment and receipt). */
export async function createFamilyOrder(body: FamilyOrderBody) {
  const { data } = await apiClient.post<OnlineOrder>(`${base}/family/online-orders`, body);
  return data;
}

export async function completeSandboxCheckout(orderId: string) {
  const { data } = await apiClient.post<OnlineOrder>(`${base}/online-orders/${id(orderId)}/sandbox-checkout`);
  return data;
}

/** A file from the API, fetched with the bearer header into a Blob (a token never goes into a URL). */
export async function fetchFile(
  path: string,
  accept: string,
  fallbackName: string,
  params?: Record<string, string | number | undefined>,
) {
  const response = await apiClient.get<Blob>(path, {
    params,
    responseType: 'blob',
    headers: { Accept: accept },
  });
  const blob =
    response.data instanceof Blob ? response.data : new Blob([response.data as BlobPart], { type: accept });
  const fileName = fileNameFromDisposition(response.headers['content-disposition']) ?? fallbackName;
  return { blob, fileName };
}

/** The receipt PDF of a payment. */
export function downloadReceipt(payment: Pick<PaymentView, 'id' | 'receiptNo'>) {
  return fetchFile(
    `${base}/payments/${id(payment.id)}/receipt`,
    'application/pdf',
    `receipt-${payment.receiptNo.replace(/[^\w-]+/g, '-')}.pdf`,
  );
}

export async function searchStudents(q: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: StudentSearchItem[] }>('/v1/students', {
    params: { q },
    signal,
  });
  return data.items;
}
