/**
 * The privacy notice of a school (issue 13 item 8): versioned, drafted and published by the school, accepted
 * by each parent on first sign-in after a new version, and readable by anyone at a public per-school page.
 */
import type { RecordsOfProcessingView, SubProcessorsView } from './privacy';

export const PRIVACY_NOTICE_STATUSES = ['draft', 'published'] as const;
export type PrivacyNoticeStatus = (typeof PRIVACY_NOTICE_STATUSES)[number];

/** Limits of a notice's fields (characters). */
export const PRIVACY_NOTICE_BODY_MAX = 20_000;
export const PRIVACY_NOTICE_CONTACT_MAX = 500;

/** POST /privacy/notices (a new draft) and PATCH /privacy/notices/:id (a draft's text). Plain text. */
export interface PrivacyNoticeDraft {
  /** The notice in English: plain text, paragraphs split by blank lines, `- ` list items, `# ` headings. */
  bodyEn: string;
  /** The notice in Hindi, when the school has one. */
  bodyHi?: string | null;
  /** Who to contact about personal data (the grievance officer): name, email, phone, address. */
  contact: string;
}

/** POST /me/privacy-notice/accept. */
export interface AcceptPrivacyNotice {
  version: number;
}

/** A version as staff see it. */
export interface PrivacyNoticeView {
  id: string;
  version: number;
  status: PrivacyNoticeStatus;
  bodyEn: string;
  bodyHi: string | null;
  contact: string;
  /** ISO date-times. */
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** Whether this is the version in force (the newest published). */
  current: boolean;
  /** How many users accepted this version. */
  acceptances: number;
}

/** A published version as a reader sees it (no staff ids). */
export interface PublishedPrivacyNotice {
  version: number;
  bodyEn: string;
  bodyHi: string | null;
  contact: string;
  /** ISO date-time. */
  publishedAt: string;
}

/** GET /me/privacy-notice: the version in force and whether the caller has accepted it. */
export interface MyPrivacyNoticeView {
  notice: PublishedPrivacyNotice | null;
  /** ISO date-time of the caller's acceptance of `notice`, or null. */
  acceptedAt: string | null;
  /** The caller must accept before going on (a parent who has not accepted the version in force). */
  mustAccept: boolean;
}

/** GET /public/schools/:slug/privacy: what anyone may read about a school's handling of personal data. */
export interface PublicPrivacyPage {
  school: { slug: string; name: string };
  notice: PublishedPrivacyNotice | null;
  subProcessors: SubProcessorsView;
  recordsOfProcessing: RecordsOfProcessingView;
}

export const PrivacyNoticeErrorCode = {
  DraftExists: 'PRIVACY_NOTICE_DRAFT_EXISTS',
  NotADraft: 'PRIVACY_NOTICE_NOT_A_DRAFT',
  NotCurrent: 'PRIVACY_NOTICE_NOT_CURRENT',
} as const;
