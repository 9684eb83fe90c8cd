import { apiClient } from '../../../app/api/client';
import type { ExamStructureView, GradingScaleKind, GradingScaleView, PaperView } from '@shala/contracts';

const base = '/v1/exams';
const id = (value: string) => encodeURIComponent(value);

/** One term as PUT years/:academicYearId/terms takes it (no id: a new term). */
export interface TermInput {
  id?: string;
  name: string;
  startsOn: string;
  endsOn: string;
  yearWeightage: number;
  gradingScaleId?: string | null;
}

/** One assessment as PUT terms/:termId/assessments takes it (no id: a new assessment). */
export interface AssessmentInput {
  id?: string;
  name: string;
  code: string;
  termWeightage: number;
}

/** One paper as PUT assessments/:assessmentId/papers takes it (created or changed per class and subject). */
export interface PaperInput {
  classId: string;
  subjectId: string;
  maxMarks: number;
  passMarks: number;
  components?: { code: string; maxMarks: number }[];
}

export interface BandInput {
  grade: string;
  minPercent: number;
  maxPercent: number;
  gradePoint: number | null;
  description: string | null;
}

export interface ScaleInput {
  name: string;
  kind: GradingScaleKind;
  bands: BandInput[];
}

/** PUT exams/years/:academicYearId/terms: every term of the year; answers the structure. */
export async function replaceTerms(academicYearId: string, terms: TermInput[]) {
  const { data } = await apiClient.put<ExamStructureView>(`${base}/years/${id(academicYearId)}/terms`, {
    terms,
  });
  return data;
}

/** PUT exams/terms/:termId/assessments: every assessment of the term; answers the structure. */
export async function replaceAssessments(termId: string, assessments: AssessmentInput[]) {
  const { data } = await apiClient.put<ExamStructureView>(`${base}/terms/${id(termId)}/assessments`, {
    assessments,
  });
  return data;
}

/** PUT exams/assessments/:assessmentId/papers: creates or changes papers; answers them. */
export async function savePapers(assessmentId: string, papers: PaperInput[]) {
  const { data } = await apiClient.put<PaperView[]>(`${base}/assessments/${id(assessmentId)}/papers`, {
    papers,
  });
  return data;
}

/** PUT exams/grading-scales/:scaleId: the scale with its bands replaced. */
export async function replaceScale(scaleId: string, scale: ScaleInput) {
  const { data } = await apiClient.put<GradingScaleView>(`${base}/grading-scales/${id(scaleId)}`, scale);
  return data;
}
