/**
 * Exams: the shapes the API answers with and accepts. Storage keeps marks and percentages as integers in
 * hundredths; every view here carries them as decimals (a mark of 37.5 is 37.5, 91% is 91).
 */

export const GradingScaleKind = { Scholastic: 'scholastic', CoScholastic: 'co_scholastic' } as const;
export type GradingScaleKind = (typeof GradingScaleKind)[keyof typeof GradingScaleKind];

/** Components a paper may be split into; a paper without components has the one column 'total'. */
export const PAPER_COMPONENT_CODES = ['theory', 'practical', 'internal'] as const;
export type PaperComponentCode = (typeof PAPER_COMPONENT_CODES)[number];
export const TOTAL_COLUMN = 'total';

/**
 * Cell codes of a marks grid besides a number: AB absent (counts as zero), EX exempt (the paper leaves the
 * denominator), ML medical leave (treated like EX: leaves the denominator).
 */
export const MARK_CELL_CODES = ['AB', 'EX', 'ML'] as const;
export type MarkCellCode = (typeof MARK_CELL_CODES)[number];
/** What a grid cell holds: marks (at most two decimals, 0..max), a code, or null for not entered. */
export type MarkCellValue = number | MarkCellCode | null;

export type MarkSheetStatus = 'draft' | 'submitted';

export interface GradingBandView {
  grade: string;
  /** Inclusive bounds in percent with two decimals (91, 100). */
  minPercent: number;
  maxPercent: number;
  gradePoint: number | null;
  description: string | null;
}

export interface GradingScaleView {
  id: string;
  name: string;
  kind: GradingScaleKind;
  bands: GradingBandView[];
}

export interface PaperComponentView {
  code: PaperComponentCode;
  maxMarks: number;
}

export interface PaperView {
  id: string;
  assessmentId: string;
  classId: string;
  subjectId: string;
  maxMarks: number;
  passMarks: number;
  components: PaperComponentView[];
}

export interface AssessmentView {
  id: string;
  termId: string;
  name: string;
  code: string;
  sortOrder: number;
  /** Share of the term result in percent; a term's assessments add up to 100. */
  termWeightage: number;
  papers: PaperView[];
}

export interface ExamTermView {
  id: string;
  academicYearId: string;
  name: string;
  sortOrder: number;
  startsOn: string;
  endsOn: string;
  /** Share of the year result in percent; a year's terms add up to 100. */
  yearWeightage: number;
  gradingScaleId: string | null;
  assessments: AssessmentView[];
}

export interface CoScholasticAreaView {
  id: string;
  name: string;
  sortOrder: number;
  scaleId: string;
}

/** Everything an academic year's exams are built from, in one answer. */
export interface ExamStructureView {
  academicYearId: string;
  scales: GradingScaleView[];
  terms: ExamTermView[];
  coScholasticAreas: CoScholasticAreaView[];
}

export interface MarksGridColumn {
  /** A component code, or 'total' when the paper has no components. */
  code: string;
  maxMarks: number;
}

export interface MarksGridRow {
  studentId: string;
  fullName: string;
  admissionNo: string;
  rollNo: number | null;
  /** One cell per column code. */
  cells: Record<string, MarkCellValue>;
}

/** One paper (assessment x class x subject) for one section: the marks entry grid. */
export interface MarksGridView {
  paperId: string;
  sectionId: string;
  assessmentId: string;
  subjectId: string;
  maxMarks: number;
  passMarks: number;
  /** 'draft' also when nothing was saved yet. */
  status: MarkSheetStatus;
  version: number;
  submittedAt: string | null;
  submittedBy: string | null;
  columns: MarksGridColumn[];
  rows: MarksGridRow[];
}

export interface SaveMarksRow {
  studentId: string;
  /** Column code -> cell: a number or numeric string with at most two decimals, 'AB', 'EX', 'ML', or null. */
  cells: Record<string, number | string | null>;
}

export interface SaveMarksRequest {
  rows: SaveMarksRow[];
  /** Required to change a submitted sheet (needs exams.moderate). */
  reason?: string;
}

export interface SaveMarksResult {
  paperId: string;
  sectionId: string;
  status: MarkSheetStatus;
  version: number;
  /** Cells that changed. */
  changed: number;
  moderated: boolean;
}

export interface MarksProgressRow {
  sectionId: string;
  classId: string;
  subjectId: string;
  paperId: string;
  students: number;
  /** Students with at least one cell entered. */
  entered: number;
  status: 'pending' | 'entered' | 'submitted';
}

export interface MarksProgressView {
  assessmentId: string;
  rows: MarksProgressRow[];
}

// --- Results (term results, publishing, the parent/student view) ---

/** A subject's result: complete, pending (a paper has no cell yet) or exempt (every paper EX/ML). */
export type SubjectResultStatus = 'complete' | 'pending' | 'exempt';

export interface AssessmentResultView {
  assessmentId: string;
  name: string;
  code: string;
  /** 'marks', 'AB', 'EX', 'ML', or null when not entered. */
  status: 'marks' | MarkCellCode | null;
  marks: number | null;
  maxMarks: number;
  /** The share of the subject's term result this paper carried (percent; 0 when it left as EX/ML). */
  weightage: number;
}

export interface SubjectResultView {
  subjectId: string;
  /** The subject's name. */
  subject: string;
  /** The term's total, out of the sum of its counted papers' maxima (marks / maxMarks = percentage). */
  marks: number | null;
  maxMarks: number | null;
  percentage: number | null;
  grade: string | null;
  gradePoint: number | null;
  passed: boolean | null;
  status: SubjectResultStatus;
  assessments: AssessmentResultView[];
}

/** One term of a student's results (parents see published terms only). */
export interface TermResultView {
  termId: string;
  termName: string;
  subjects: SubjectResultView[];
  /** Percent with two decimals; null while a subject is pending. */
  percentage: number | null;
  grade: string | null;
  passed: boolean | null;
  gradePointAverage: number | null;
  published: boolean;
  publishedAt: string | null;
}

/** The year's result from its terms (weighted by the terms' year weightages); CGPA over the year's grades. */
export interface YearResultView {
  academicYearId: string;
  subjects: {
    subjectId: string;
    subject: string;
    percentage: number | null;
    grade: string | null;
    gradePoint: number | null;
    passed: boolean | null;
    status: SubjectResultStatus;
  }[];
  percentage: number | null;
  grade: string | null;
  passed: boolean | null;
  cumulativeGradePointAverage: number | null;
}

export interface StudentResultsView {
  studentId: string;
  items: TermResultView[];
  /** Only once every term of the year is shown (for parents: published). */
  year: YearResultView | null;
}

export interface SectionResultRow {
  studentId: string;
  fullName: string;
  admissionNo: string;
  rollNo: number | null;
  subjects: SubjectResultView[];
  percentage: number | null;
  grade: string | null;
  passed: boolean | null;
  gradePointAverage: number | null;
  /** Standard competition ranking (1, 2, 2, 4); null while the student's result is incomplete. */
  rankInSection: number | null;
  rankInClass: number | null;
}

/** A section's term results table: every enrolled student with ranks in section and class. */
export interface SectionResultsView {
  termId: string;
  termName: string;
  classId: string;
  sectionId: string;
  published: boolean;
  subjects: { subjectId: string; subject: string }[];
  rows: SectionResultRow[];
}

export interface ResultPublicationView {
  termId: string;
  classId: string;
  published: boolean;
  /** 1 for the first publication; each re-publication adds one. */
  version: number;
  publishedAt: string | null;
  unpublishedAt: string | null;
  /** Messages enqueued to guardians by this call. */
  notified: number;
}

// --- Term sheets: co-scholastic grades, class teacher's remarks, publication state ---

export interface CoScholasticGridArea {
  areaId: string;
  name: string;
  /** The grades of the area's scale, in the scale's order. */
  grades: string[];
}

export interface CoScholasticGridRow {
  studentId: string;
  fullName: string;
  admissionNo: string;
  rollNo: number | null;
  /** Area id -> grade, or null when not graded. */
  grades: Record<string, string | null>;
}

/** One term's co-scholastic grades for one section: one column per area. */
export interface CoScholasticGridView {
  termId: string;
  sectionId: string;
  areas: CoScholasticGridArea[];
  rows: CoScholasticGridRow[];
}

export interface SaveCoScholasticRow {
  studentId: string;
  /** Area id -> a grade of the area's scale, or null to clear. Areas left out are untouched. */
  grades: Record<string, string | null>;
}

export interface SaveCoScholasticRequest {
  rows: SaveCoScholasticRow[];
}

export interface RemarksGridRow {
  studentId: string;
  fullName: string;
  admissionNo: string;
  rollNo: number | null;
  remark: string | null;
}

/** One term's class teacher's remarks for one section. */
export interface RemarksGridView {
  termId: string;
  sectionId: string;
  maxLength: number;
  rows: RemarksGridRow[];
}

export interface SaveRemarkRow {
  studentId: string;
  /** At most 500 characters, trimmed; empty or null removes the remark. */
  remark: string | null;
}

export interface SaveRemarksRequest {
  rows: SaveRemarkRow[];
}

/** The answer to saving a term sheet (co-scholastic grades or remarks). */
export interface SaveTermSheetResult {
  termId: string;
  sectionId: string;
  /** Cells that changed (0 when the sheet was saved as it was). */
  changed: number;
}

export interface TermPublicationRow {
  classId: string;
  className: string;
  published: boolean;
  /** 0 when never published. */
  version: number;
  publishedAt: string | null;
}

/** Every class with papers in a term and whether its results are published. */
export interface TermPublicationsView {
  items: TermPublicationRow[];
}

// --- Report cards (PDF per student, a section's cards as one ZIP, transcript) ---

export type ReportCardJobStatus = 'running' | 'done' | 'failed';

/** A section's report-card job: `done` of `total` cards rendered; the ZIP downloads once `done`. */
export interface ReportCardJobView {
  jobId: string;
  status: ReportCardJobStatus;
  done: number;
  total: number;
}

export interface ReportCardJobStarted {
  jobId: string;
}

// --- Exam schedule (sittings per paper and section) and hall tickets ---

/**
 * One sitting of a paper: a local date, local start and end 'HH:MM', a room and an invigilator, for one
 * section of the paper's class or (sectionId null) every section of it.
 */
export interface ExamSittingView {
  id: string;
  paperId: string;
  classId: string;
  className: string;
  subjectId: string;
  subject: string;
  /** Null: every section of the class. */
  sectionId: string | null;
  sectionName: string | null;
  sitsOn: string;
  startsAt: string;
  endsAt: string;
  room: string;
  invigilatorUserId: string | null;
  invigilatorName: string | null;
}

/** An assessment's whole schedule, by date and start time. */
export interface ExamScheduleView {
  assessmentId: string;
  assessmentName: string;
  termId: string;
  sittings: ExamSittingView[];
}

/** A sitting on a student's schedule, with the assessment it belongs to. */
export interface StudentSittingView extends ExamSittingView {
  assessmentId: string;
  assessmentName: string;
}

/** A student's sittings this year (every assessment with a schedule for their section), by date. */
export interface StudentExamScheduleView {
  studentId: string;
  items: StudentSittingView[];
}

// --- Analytics (staff: per class and subject, with section comparison) ---

export interface GradeCount {
  grade: string;
  count: number;
}

/** Figures over graded students; percentages with two decimals, null when nobody is graded. */
export interface AnalyticsFigures {
  /** Students with a complete result (the figures are over them). */
  graded: number;
  /** Students left out: a paper not entered yet. */
  pending: number;
  /** Students left out: every paper EX/ML. */
  exempt: number;
  average: number | null;
  highest: number | null;
  lowest: number | null;
  /** Passed / graded, in percent. */
  passPercentage: number | null;
}

export interface SectionAnalytics extends AnalyticsFigures {
  sectionId: string;
  /** The section's name. */
  section: string;
  /** Students enrolled in the section. */
  students: number;
}

export interface SubjectAnalytics extends AnalyticsFigures {
  subjectId: string;
  /** The subject's name. */
  subject: string;
  /** Every grade of the term's scale, in scale order (zero counts included); counts add up to `graded`. */
  gradeDistribution: GradeCount[];
  sections: SectionAnalytics[];
}

/**
 * A class's term results in figures, over the term's weighted subject percentages (and the students'
 * overall percentages): average, highest, lowest, pass percentage, grade distribution, per section. A
 * teacher sees the sections they teach only, and the figures are over those sections.
 */
export interface ClassAnalyticsView {
  termId: string;
  termName: string;
  classId: string;
  className: string;
  /** Students enrolled in the sections shown. */
  students: number;
  subjects: SubjectAnalytics[];
  overall: OverallAnalytics;
}

/** The students' overall term percentages (a student with a pending subject is pending overall). */
export interface OverallAnalytics extends AnalyticsFigures {
  gradeDistribution: GradeCount[];
  sections: SectionAnalytics[];
}
