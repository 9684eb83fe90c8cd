import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import { fetchFile } from '../../fees/api/fees.api';
import type {
  ClassAnalyticsView,
  ExamScheduleView,
  ExamStructureView,
  MarksGridView,
  MarksProgressView,
  ReportCardJobStarted,
  ReportCardJobView,
  ResultPublicationView,
  SaveMarksRequest,
  SaveMarksResult,
  SectionResultsView,
  StudentExamScheduleView,
  StudentResultsView,
} from '@shala/contracts';

export const examsKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'exams'),
  structure: (institutionId: string) => tenantKey(institutionId, 'exams', 'structure'),
  grid: (institutionId: string, paperId: string, sectionId: string) =>
    tenantKey(institutionId, 'exams', 'grid', paperId, sectionId),
  progress: (institutionId: string, assessmentId: string) =>
    tenantKey(institutionId, 'exams', 'progress', assessmentId),
  sectionResults: (institutionId: string, termId: string, sectionId: string) =>
    tenantKey(institutionId, 'exams', 'section-results', termId, sectionId),
  studentResults: (institutionId: string, studentId: string) =>
    tenantKey(institutionId, 'exams', 'student-results', studentId),
  job: (institutionId: string, jobId: string) => tenantKey(institutionId, 'exams', 'job', jobId),
  analytics: (institutionId: string, termId: string, classId: string) =>
    tenantKey(institutionId, 'exams', 'analytics', termId, classId),
  schedule: (institutionId: string, assessmentId: string) =>
    tenantKey(institutionId, 'exams', 'schedule', assessmentId),
  studentSchedule: (institutionId: string, studentId: string) =>
    tenantKey(institutionId, 'exams', 'student-schedule', studentId),
};

const base = '/v1/exams';
const id = (value: string) => encodeURIComponent(value);

/** GET exams/structure: the current year's scales, terms, assessments and papers. */
export async function fetchStructure(signal?: AbortSignal) {
  const { data } = await apiClient.get<ExamStructureView>(`${base}/structure`, { signal });
  return data;
}

const gridPath = (paperId: string, sectionId: string) =>
  `${base}/papers/${id(paperId)}/sections/${id(sectionId)}/marks`;

export async function fetchGrid(paperId: string, sectionId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<MarksGridView>(gridPath(paperId, sectionId), { signal });
  return data;
}

export async function saveMarks(paperId: string, sectionId: string, body: SaveMarksRequest) {
  const { data } = await apiClient.put<SaveMarksResult>(gridPath(paperId, sectionId), body);
  return data;
}

export async function submitMarks(paperId: string, sectionId: string) {
  const { data } = await apiClient.post<SaveMarksResult>(`${gridPath(paperId, sectionId)}/submit`);
  return data;
}

export async function fetchProgress(assessmentId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<MarksProgressView>(`${base}/progress`, {
    params: { assessmentId },
    signal,
  });
  return data;
}

export async function fetchSectionResults(termId: string, sectionId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<SectionResultsView>(
    `${base}/terms/${id(termId)}/sections/${id(sectionId)}/results`,
    { signal },
  );
  return data;
}

export async function fetchStudentResults(studentId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<StudentResultsView>(`${base}/students/${id(studentId)}/results`, {
    signal,
  });
  return data;
}

export async function publishResults(termId: string, classId: string, publish: boolean) {
  const { data } = await apiClient.post<ResultPublicationView>(
    `${base}/terms/${id(termId)}/classes/${id(classId)}/${publish ? 'publish' : 'unpublish'}`,
  );
  return data;
}

export async function startReportCards(termId: string, sectionId: string) {
  const { data } = await apiClient.post<ReportCardJobStarted>(
    `${base}/terms/${id(termId)}/sections/${id(sectionId)}/report-cards`,
  );
  return data;
}

export async function fetchJob(jobId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<ReportCardJobView>(`${base}/report-card-jobs/${id(jobId)}`, {
    signal,
  });
  return data;
}

export function downloadJobZip(jobId: string) {
  return fetchFile(
    `${base}/report-card-jobs/${id(jobId)}/download`,
    'application/zip',
    `report-cards-${jobId}.zip`,
  );
}

export function downloadReportCard(studentId: string, termId: string) {
  return fetchFile(`${base}/students/${id(studentId)}/report-card`, 'application/pdf', 'report-card.pdf', {
    term: termId,
  });
}

/** GET exams/analytics?termId&classId: a class's term in figures, per subject and section. */
export async function fetchAnalytics(termId: string, classId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<ClassAnalyticsView>(`${base}/analytics`, {
    params: { termId, classId },
    signal,
  });
  return data;
}

/** GET exams/analytics/export?termId&classId: the class's term results as a CSV. */
export function downloadAnalyticsCsv(termId: string, classId: string) {
  return fetchFile(`${base}/analytics/export`, 'text/csv', 'results.csv', { termId, classId });
}

/** GET exams/assessments/:assessmentId/schedule */
export async function fetchSchedule(assessmentId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<ExamScheduleView>(`${base}/assessments/${id(assessmentId)}/schedule`, {
    signal,
  });
  return data;
}

/** GET exams/students/:studentId/schedule */
export async function fetchStudentSchedule(studentId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<StudentExamScheduleView>(
    `${base}/students/${id(studentId)}/schedule`,
    { signal },
  );
  return data;
}

/** A section's hall tickets (one PDF), or one student's when `studentId` is given. */
export function downloadHallTickets(
  assessmentId: string,
  target: { sectionId: string } | { studentId: string },
) {
  const path =
    'sectionId' in target ? `sections/${id(target.sectionId)}` : `students/${id(target.studentId)}`;
  return fetchFile(
    `${base}/assessments/${id(assessmentId)}/hall-tickets/${path}`,
    'application/pdf',
    'hall-tickets.pdf',
  );
}
