/**
 * Grievances (issue 13 item 9, DPDP Act s. 13): a parent raises a grievance about how the school handles
 * their or their child's data; the school's grievance officer answers it within the school's response
 * period (30 days unless the school sets 1..90).
 */

export const GRIEVANCE_CATEGORIES = ['data_access', 'correction', 'consent', 'security', 'other'] as const;
export type GrievanceCategory = (typeof GRIEVANCE_CATEGORIES)[number];

/** open -> answered (the officer replied) | closed (replied and closed). */
export const GRIEVANCE_STATUSES = ['open', 'answered', 'closed'] as const;
export type GrievanceStatus = (typeof GRIEVANCE_STATUSES)[number];

export const GRIEVANCE_SUBJECT_MAX = 200;
export const GRIEVANCE_TEXT_MAX = 4000;
export const GRIEVANCE_ANSWER_MAX = 4000;
/** Days the school has to answer, unless its officer settings say otherwise. */
export const GRIEVANCE_RESPONSE_DAYS_DEFAULT = 30;
export const GRIEVANCE_RESPONSE_DAYS_MAX = 90;

/** POST /privacy/my-grievances (a parent). `studentId`, when given, must be one of their children. */
export interface CreateGrievance {
  category: GrievanceCategory;
  subject: string;
  text: string;
  studentId?: string;
}

/** POST /privacy/grievances/:id/answer. `close: true` closes it with the answer. */
export interface AnswerGrievance {
  answer: string;
  close?: boolean;
}

export interface GrievanceView {
  id: string;
  category: GrievanceCategory;
  subject: string;
  text: string;
  studentId: string | null;
  studentName: string | null;
  status: GrievanceStatus;
  raisedByUserId: string;
  /** ISO date-times. */
  receivedAt: string;
  dueAt: string;
  answer: string | null;
  answeredByUserId: string | null;
  answeredAt: string | null;
  /** Still open after its due date. */
  overdue: boolean;
}

/** PUT /privacy/grievance-officer. */
export interface UpdateGrievanceOfficer {
  name: string;
  email: string;
  phone?: string | null;
  /** 1..90 days. */
  responseDays: number;
}

/** The school's grievance officer as its privacy notice shows them, and the response period. */
export interface GrievanceOfficerView {
  name: string | null;
  email: string | null;
  phone: string | null;
  responseDays: number;
  /** Whether the school has named an officer yet. */
  configured: boolean;
}

export const GrievanceErrorCode = {
  AlreadyAnswered: 'PRIVACY_GRIEVANCE_ALREADY_ANSWERED',
} as const;
