import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveFile } from '../../../app/files';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  addGuardian,
  createStudent,
  downloadImportTemplate,
  exportStudents,
  fetchStudent,
  fetchStudents,
  importStudents,
  revealStudent,
  studentsKeys,
  updateStudent,
} from '../api/students.api';
import type { StudentFilter } from '@shala/contracts';

/** GET students with the filter, page after page ("Load more"). */
export function useStudents(filter: StudentFilter, enabled = true) {
  const institutionId = useInstitutionId();
  return useInfiniteQuery({
    queryKey: studentsKeys.list(institutionId, filter),
    queryFn: ({ pageParam, signal }) => fetchStudents(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useStudent(id: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: studentsKeys.profile(institutionId, id),
    queryFn: ({ signal }) => fetchStudent(id, signal),
  });
}

/** The unmasked profile lives only in this mutation's result, never in the shared cache. */
export function useRevealStudent() {
  return useMutation({ mutationFn: revealStudent });
}

function useStudentsMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: studentsKeys.all(institutionId) }),
  });
}

export const useCreateStudent = () => useStudentsMutation(createStudent);
export const useUpdateStudent = () => useStudentsMutation(updateStudent);
export const useAddGuardian = () => useStudentsMutation(addGuardian);
export const useImportStudents = () => useStudentsMutation(importStudents);

export function useExportStudents() {
  return useMutation({
    mutationFn: exportStudents,
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
}

export function useImportTemplate() {
  return useMutation({
    mutationFn: downloadImportTemplate,
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
}
