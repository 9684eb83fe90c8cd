import { DefaultRole } from '@shala/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTeachers } from '../../academics/hooks/use-academics';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { examsKeys } from '../api/exams.api';
import { replaceSchedule, type SittingInput } from '../api/schedule.api';

/** PUT exams/assessments/:assessmentId/schedule; the schedules of exams refetch after a 2xx. */
export function useReplaceSchedule() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { assessmentId: string; sittings: SittingInput[] }) =>
      replaceSchedule(v.assessmentId, v.sittings),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: examsKeys.all(institutionId) }),
  });
}

const FAMILY_ROLES: readonly string[] = [DefaultRole.Parent, DefaultRole.Student];

/** Active staff users (any role besides parent or student) as invigilator options, by name. */
export function useInvigilatorOptions() {
  const users = useTeachers();
  const options = (users.data ?? [])
    .filter((u) => u.status === 'active' && u.roles.some((role) => !FAMILY_ROLES.includes(role)))
    .map((u) => ({ value: u.id, label: u.displayName }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return { isPending: users.isPending, error: users.error, options };
}
