import type { AddIncidentEvent, CloseIncident, CreateIncident } from '@shala/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../../auth/hooks/current-user';
import {
  addIncidentEvent,
  closeIncident,
  createIncident,
  fetchIncidents,
  type IncidentScope,
  incidentKeys,
} from '../api/incidents.api';

export function useIncidents(scope: IncidentScope) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: incidentKeys.list(institutionId, scope),
    queryFn: ({ signal }) => fetchIncidents(scope, signal),
  });
}

function useIncidentMutation<V>(fn: (variables: V) => Promise<unknown>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: incidentKeys.all(institutionId) }),
  });
}

export function useCreateIncident(scope: IncidentScope) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIncident) => createIncident(scope, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: incidentKeys.all(institutionId) }),
  });
}

export function useAddIncidentEvent(scope: IncidentScope) {
  return useIncidentMutation(({ id, ...body }: AddIncidentEvent & { id: string }) =>
    addIncidentEvent(scope, id, body),
  );
}

export function useCloseIncident(scope: IncidentScope) {
  return useIncidentMutation(({ id, ...body }: CloseIncident & { id: string }) =>
    closeIncident(scope, id, body),
  );
}
