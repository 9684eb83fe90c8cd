import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveFile } from '../../../app/files';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  completeSandboxCheckout,
  createFamilyOrder,
  createOnlineOrder,
  downloadReceipt,
  feesKeys,
  fetchFamilyDues,
  fetchPayments,
  fetchStudentDues,
  recordPayment,
  searchStudents,
} from '../api/fees.api';
import type { FamilyOrderBody, OnlineOrder, PaymentView, RecordPaymentBody } from '@shala/contracts';

/** The API offers the sandbox's checkout for this order (never in staging or production). */
export function isSandboxOrder(order: OnlineOrder): boolean {
  return order.provider === 'sandbox' && Boolean(order.checkout?.sandboxCheckout);
}

export function useFamilyDues() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: feesKeys.family(institutionId),
    queryFn: ({ signal }) => fetchFamilyDues(signal),
  });
}

export function useStudentDues(studentId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: feesKeys.dues(institutionId, studentId ?? ''),
    queryFn: ({ signal }) => fetchStudentDues(studentId ?? '', signal),
    enabled: Boolean(studentId),
  });
}

export function usePayments(studentId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: feesKeys.payments(institutionId, studentId ?? ''),
    queryFn: ({ signal }) => fetchPayments(studentId ?? '', signal),
    enabled: Boolean(studentId),
  });
}

export function useStudentSearch(q: string) {
  const institutionId = useInstitutionId();
  const term = q.trim();
  return useQuery({
    queryKey: feesKeys.studentSearch(institutionId, term),
    queryFn: ({ signal }) => searchStudents(term, signal),
    enabled: term.length >= 2,
  });
}

/**
 * Online payment: create the order, then complete it through the sandbox's checkout, but only when the
 * API says the sandbox is the order's provider (it offers `checkout.sandboxCheckout` in development and
 * test alone). Any other provider's order is answered as it is (status created: nothing was paid here).
 */
export function usePayOnline() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ studentId, amount }: { studentId: string; amount: number }) => {
      const order = await createOnlineOrder(studentId, amount);
      return isSandboxOrder(order) ? completeSandboxCheckout(order.id) : order;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: feesKeys.all(institutionId) }),
  });
}

/** Several children in one online order, completed through the sandbox's checkout where it is offered. */
export function usePayFamilyOnline() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: FamilyOrderBody) => {
      const order = await createFamilyOrder(body);
      return isSandboxOrder(order) ? completeSandboxCheckout(order.id) : order;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: feesKeys.all(institutionId) }),
  });
}

export function useRecordPayment() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      studentId,
      body,
      idempotencyKey,
    }: {
      studentId: string;
      body: RecordPaymentBody;
      idempotencyKey: string;
    }) => recordPayment(studentId, body, idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: feesKeys.all(institutionId) }),
  });
}

export function useDownloadReceipt() {
  return useMutation({
    mutationFn: async (payment: Pick<PaymentView, 'id' | 'receiptNo'>) => {
      const { blob, fileName } = await downloadReceipt(payment);
      saveFile(blob, fileName);
    },
  });
}
