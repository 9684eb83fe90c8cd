import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  createTemplate,
  deleteTemplate,
  fetchTemplateKinds,
  fetchTemplates,
  replaceTemplate,
  templateKeys,
} from '../api/templates.api';

/** The message kinds with their declared variables; they change only with a new API version. */
export function useTemplateKinds() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: templateKeys.kinds(institutionId),
    queryFn: ({ signal }) => fetchTemplateKinds(signal),
    staleTime: Infinity,
  });
}

export function useTemplates() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: templateKeys.all(institutionId),
    queryFn: ({ signal }) => fetchTemplates(signal),
  });
}

function useInvalidateTemplates() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: templateKeys.all(institutionId) });
}

export function useCreateTemplate() {
  const onSettled = useInvalidateTemplates();
  return useMutation({ mutationFn: createTemplate, onSettled });
}

export function useReplaceTemplate() {
  const onSettled = useInvalidateTemplates();
  return useMutation({ mutationFn: replaceTemplate, onSettled });
}

export function useDeleteTemplate() {
  const onSettled = useInvalidateTemplates();
  return useMutation({ mutationFn: deleteTemplate, onSettled });
}
