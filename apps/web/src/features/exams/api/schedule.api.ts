import { apiClient } from '../../../app/api/client';
import type { ExamScheduleView } from '@shala/contracts';

/** One sitting as PUT assessments/:assessmentId/schedule takes it. */
export interface SittingInput {
  paperId: string;
  /** Null: every section of the paper's class. */
  sectionId: string | null;
  sitsOn: string;
  startsAt: string;
  endsAt: string;
  room: string;
  invigilatorUserId: string | null;
}

/** PUT exams/assessments/:assessmentId/schedule: replaces the whole schedule; answers it. */
export async function replaceSchedule(assessmentId: string, sittings: SittingInput[]) {
  const { data } = await apiClient.put<ExamScheduleView>(
    `/v1/exams/assessments/${encodeURIComponent(assessmentId)}/schedule`,
    { sittings },
  );
  return data;
}
