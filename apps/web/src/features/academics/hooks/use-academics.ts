import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  academicsKeys,
  createAssignment,
  createClass,
  createSection,
  createSubject,
  createYear,
  deleteAssignment,
  fetchAssignments,
  fetchClasses,
  fetchSubjects,
  fetchTeachers,
  fetchYears,
  makeYearCurrent,
  promoteClass,
  updateSection,
} from '../api/academics.api';

export function useAcademicYears() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: academicsKeys.years(institutionId),
    queryFn: ({ signal }) => fetchYears(signal),
  });
}

export function useClasses(enabled = true) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: academicsKeys.classes(institutionId),
    queryFn: ({ signal }) => fetchClasses(signal),
    enabled,
  });
}

export function useSubjects() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: academicsKeys.subjects(institutionId),
    queryFn: ({ signal }) => fetchSubjects(signal),
  });
}

export function useSubjectAssignments(yearId: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: academicsKeys.assignments(institutionId, yearId),
    queryFn: ({ signal }) => fetchAssignments(yearId, signal),
  });
}

export function useTeachers(enabled = true) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: academicsKeys.teachers(institutionId),
    queryFn: ({ signal }) => fetchTeachers(signal),
    enabled,
  });
}

function useAcademicsMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: academicsKeys.all(institutionId) }),
  });
}

export const useCreateYear = () => useAcademicsMutation(createYear);
export const useMakeYearCurrent = () => useAcademicsMutation(makeYearCurrent);
export const useCreateClass = () => useAcademicsMutation(createClass);
export const useCreateSection = () => useAcademicsMutation(createSection);
export const useUpdateSection = () => useAcademicsMutation(updateSection);
export const useCreateSubject = () => useAcademicsMutation(createSubject);
export const useCreateAssignment = () => useAcademicsMutation(createAssignment);
export const useDeleteAssignment = () => useAcademicsMutation(deleteAssignment);

export function usePromoteClass() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: promoteClass,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tenant', institutionId] }),
  });
}
