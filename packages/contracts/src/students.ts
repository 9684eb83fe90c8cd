/** Request and response bodies of students and guardians (/api/v1/students). */

export const STUDENT_STATUSES = ['active', 'transferred', 'withdrawn', 'alumni'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];
export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];
export const RELATIONSHIPS = ['mother', 'father', 'guardian', 'grandparent', 'sibling', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export interface Enrolment {
  academicYearId: string;
  sectionId: string;
  sectionName: string;
  classId: string;
  className: string;
  rollNo: number | null;
}

export interface StudentSummary {
  id: string;
  admissionNo: string;
  firstName: string;
  lastName: string;
  fullName: string;
  dateOfBirth: string;
  gender: Gender;
  admissionDate: string;
  status: StudentStatus;
  enrolment: Enrolment | null;
}

export interface Guardian {
  id: string;
  fullName: string;
  relationship: Relationship;
  isPrimary: boolean;
  /** Masked unless the caller may see contact details. */
  phone: string | null;
  email: string | null;
  hasAccount: boolean;
  masked: boolean;
}

export interface StudentProfile extends StudentSummary {
  nationalId: string | null;
  medicalNotes: string | null;
  address: string | null;
  masked: boolean;
  guardians: Guardian[];
  /** A student user account is linked (the student signs in to see their own records). */
  hasAccount: boolean;
}

export interface StudentFilter {
  q?: string;
  admissionNo?: string;
  classId?: string;
  sectionId?: string;
  status?: StudentStatus;
  sort?: 'name' | 'admissionNo';
}

export interface GuardianInput {
  fullName: string;
  relationship: Relationship;
  phone?: string;
  email?: string;
  address?: string;
  isPrimary?: boolean;
}

export interface StudentInput {
  admissionNo: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: Gender;
  admissionDate: string;
  status?: StudentStatus;
  nationalId?: string;
  medicalNotes?: string;
  address?: string;
  sectionId?: string;
  rollNo?: number;
  guardians?: GuardianInput[];
}

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  guardiansCreated: number;
  errors: ImportProblem[];
  durationMs: number;
}

export interface PromotionResult {
  promoted: number;
  skipped: number;
}

/** PUT students/:id/account: the student's sign-in account (null: unlinked). */
export interface StudentAccountLink {
  studentId: string;
  userId: string | null;
}

/** PUT students/guardians/:guardianId/account: the guardian's sign-in account (null: unlinked). */
export interface GuardianAccountLink {
  guardianId: string;
  userId: string | null;
}
