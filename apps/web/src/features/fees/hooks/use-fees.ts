import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveFile } from '../../../app/files';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  completeSandboxCheckout,
  createOnlineOrder,
  downloadReceipt,
  feesKeys,
  fetchFamilyDues,
  fetchPayments,
  fetchStudentDues,
  recordPayment,
  searchStudents,
} from '../api/fees.api';
import type { PaymentView, RecordPaymentBody } from '../api/fees.types';

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

/** Online payment through the provider's sandbox: create the order, then complete its checkout. */
export function usePayOnline() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ studentId, amount }: { studentId: string; amount: number }) => {
      const order = await createOnlineOrder(studentId, amount);
      return completeSandboxCheckout(order.id);
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
