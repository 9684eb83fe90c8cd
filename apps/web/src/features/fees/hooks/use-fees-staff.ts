import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { saveFile } from '../../../app/files';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { feesKeys } from '../api/fees.api';
import {
  adjustInvoice,
  createHead,
  createLateFeeRule,
  createReminderRule,
  createStructure,
  exportCollections,
  exportDefaulters,
  feesStaffKeys,
  fetchCollections,
  fetchDefaulters,
  fetchHeads,
  fetchLateFeeRules,
  fetchOptionalHeads,
  fetchPaymentList,
  fetchReminderRules,
  fetchStructures,
  generateInvoices,
  reversePayment,
  runDailyJob,
  sendFeeReminder,
  setOptionalHeads,
} from '../api/fees-staff.api';
import type {
  AdjustmentBody,
  CollectionsQuery,
  DefaultersQuery,
  OptionalHeadCharge,
  PaymentListQuery,
} from '@shala/contracts';

export function useFeeHeads() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: feesStaffKeys.heads(institutionId),
    queryFn: ({ signal }) => fetchHeads(signal),
  });
}

export function useFeeStructures(academicYearId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: feesStaffKeys.structures(institutionId, academicYearId ?? ''),
    queryFn: ({ signal }) => fetchStructures(academicYearId ?? '', signal),
    enabled: Boolean(academicYearId),
  });
}

export function useOptionalHeads(studentId: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: feesStaffKeys.optionalHeads(institutionId, studentId),
    queryFn: ({ signal }) => fetchOptionalHeads(studentId, signal),
  });
}

export function usePaymentList(query: PaymentListQuery) {
  const institutionId = useInstitutionId();
  return useInfiniteQuery({
    queryKey: feesStaffKeys.paymentList(institutionId, query),
    queryFn: ({ pageParam, signal }) => fetchPaymentList(query, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !query.from || !query.to || query.from <= query.to,
  });
}

export function useLateFeeRules() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: feesStaffKeys.lateFeeRules(institutionId),
    queryFn: ({ signal }) => fetchLateFeeRules(signal),
  });
}

export function useReminderRules() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: feesStaffKeys.reminderRules(institutionId),
    queryFn: ({ signal }) => fetchReminderRules(signal),
  });
}

export function useDefaulters(query: DefaultersQuery) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: feesStaffKeys.defaulters(institutionId, query),
    queryFn: ({ signal }) => fetchDefaulters(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCollections(query: CollectionsQuery) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: feesStaffKeys.collections(institutionId, query),
    queryFn: ({ signal }) => fetchCollections(query, signal),
    enabled: Boolean(query.from && query.to && query.from <= query.to),
    placeholderData: keepPreviousData,
  });
}

/** A fees mutation that refreshes every fee query of the institution once it settles. */
function useFeesMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: feesKeys.all(institutionId) }),
  });
}

export const useCreateHead = () => useFeesMutation(createHead);
export const useCreateStructure = () => useFeesMutation(createStructure);
export const useGenerateInvoices = () => useFeesMutation(generateInvoices);
export const useCreateLateFeeRule = () => useFeesMutation(createLateFeeRule);
export const useCreateReminderRule = () => useFeesMutation(createReminderRule);
export const useRunDailyJob = () => useFeesMutation(runDailyJob);
export const useSetOptionalHeads = () =>
  useFeesMutation(({ studentId, heads }: { studentId: string; heads: OptionalHeadCharge[] }) =>
    setOptionalHeads(studentId, heads),
  );
export const useAdjustInvoice = () =>
  useFeesMutation(({ invoiceId, body }: { invoiceId: string; body: AdjustmentBody }) =>
    adjustInvoice(invoiceId, body),
  );
export const useReversePayment = () =>
  useFeesMutation(({ paymentId, reason }: { paymentId: string; reason: string }) =>
    reversePayment(paymentId, reason),
  );

/** Saves a report's CSV from the API's export endpoint (the same filters as on screen). */
export function useExportDefaulters() {
  return useMutation({
    mutationFn: async (query: DefaultersQuery) => {
      const { blob, fileName } = await exportDefaulters(query);
      saveFile(blob, fileName);
    },
  });
}

export function useExportCollections() {
  return useMutation({
    mutationFn: async (query: CollectionsQuery) => {
      const { blob, fileName } = await exportCollections(query);
      saveFile(blob, fileName);
    },
  });
}

/** The defaulters list's one-tap reminder; the row shows the API's answer (queued or already sent today). */
export function useSendFeeReminder() {
  return useMutation({ mutationFn: (studentId: string) => sendFeeReminder(studentId) });
}
