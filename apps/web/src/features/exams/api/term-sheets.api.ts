import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import type {
  CoScholasticGridView,
  RemarksGridView,
  SaveCoScholasticRequest,
  SaveRemarksRequest,
  SaveTermSheetResult,
} from '@shala/contracts';

/** Which of a section's term sheets: co-scholastic grades or the class teacher's remarks. */
export type TermSheetKind = 'co-scholastic' | 'remarks';

export const termSheetKeys = {
  sheet: (institutionId: string, kind: TermSheetKind, termId: string, sectionId: string) =>
    tenantKey(institutionId, 'exams', 'term-sheet', kind, termId, sectionId),
};

const id = (value: string) => encodeURIComponent(value);
const sheetPath = (kind: TermSheetKind, termId: string, sectionId: string) =>
  `/v1/exams/terms/${id(termId)}/sections/${id(sectionId)}/${kind}`;

/** GET exams/terms/:termId/sections/:sectionId/co-scholastic */
export async function fetchCoScholastic(termId: string, sectionId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<CoScholasticGridView>(sheetPath('co-scholastic', termId, sectionId), {
    signal,
  });
  return data;
}

/** PUT exams/terms/:termId/sections/:sectionId/co-scholastic */
export async function saveCoScholastic(termId: string, sectionId: string, body: SaveCoScholasticRequest) {
  const { data } = await apiClient.put<SaveTermSheetResult>(
    sheetPath('co-scholastic', termId, sectionId),
    body,
  );
  return data;
}

/** GET exams/terms/:termId/sections/:sectionId/remarks */
export async function fetchRemarks(termId: string, sectionId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<RemarksGridView>(sheetPath('remarks', termId, sectionId), { signal });
  return data;
}

/** PUT exams/terms/:termId/sections/:sectionId/remarks */
export async function saveRemarks(termId: string, sectionId: string, body: SaveRemarksRequest) {
  const { data } = await apiClient.put<SaveTermSheetResult>(sheetPath('remarks', termId, sectionId), body);
  return data;
}
