/**
 * Circulars (issue 16 item 5): notices a school writes to families and staff. A draft is scheduled or
 * published; when it is published, families see it in the app and guardians who opted in for the
 * `circulars` purpose get a message. Each guardian's reading and (when asked for) acknowledgement is kept.
 */

export const CIRCULAR_STATUSES = ['draft', 'scheduled', 'published'] as const;
export type CircularStatus = (typeof CIRCULAR_STATUSES)[number];

/** Who a circular is addressed to: the whole school, some classes, some sections, or staff only. */
export const CIRCULAR_AUDIENCES = ['school', 'classes', 'sections', 'staff'] as const;
export type CircularAudience = (typeof CIRCULAR_AUDIENCES)[number];

export const CIRCULAR_TITLE_MAX = 200;
export const CIRCULAR_BODY_MAX = 20_000;
/** At most this many classes or sections in one audience. */
export const CIRCULAR_TARGETS_MAX = 100;
/** The attachment: a PDF of at most 5 MB (its bytes must start with `%PDF-`). */
export const CIRCULAR_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const CIRCULAR_ATTACHMENT_TYPE = 'application/pdf';
export const CIRCULAR_ATTACHMENT_NAME_MAX = 120;

/** POST /circulars (a new draft) and PUT /circulars/:id (a draft's or scheduled circular's content). */
export interface CircularInput {
  title: string;
  /** Plain text; paragraphs split by blank lines. */
  body: string;
  audience: CircularAudience;
  /** For `classes`: the classes addressed (at least one). */
  classIds?: string[];
  /** For `sections`: the sections addressed (at least one). */
  sectionIds?: string[];
  /** Ask each guardian to acknowledge it (e.g. a permission slip). */
  requiresAck: boolean;
}

/** POST /circulars/:id/schedule: publish at this time (ISO date-time, in the future). */
export interface ScheduleCircularInput {
  publishAt: string;
}

export interface CircularAttachmentInfo {
  fileName: string;
  bytes: number;
}

/** How many guardians a published circular reached, read it and acknowledged it. */
export interface CircularCounts {
  addressed: number;
  read: number;
  acknowledged: number;
}

/** A circular as its publishers see it. */
export interface CircularView {
  id: string;
  title: string;
  body: string;
  audience: CircularAudience;
  classIds: string[];
  sectionIds: string[];
  requiresAck: boolean;
  status: CircularStatus;
  /** ISO date-times. */
  publishAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  attachment: CircularAttachmentInfo | null;
  /** Null until published. */
  counts: CircularCounts | null;
  /**
   * Of the guardians addressed (`counts.addressed`), how many had at least one message queued when it was
   * published (null before). The others had not opted in for circulars, had no address on the channel
   * they chose, or their processing is restricted. Queued is not yet sent: quiet hours may hold them.
   */
  notified: number | null;
}

/**
 * A published circular as a reader sees it (GET /circulars for families and staff, GET /circulars/:id):
 * no audience internals, and the caller's own reading and acknowledgement (families).
 */
export interface CircularReaderView {
  id: string;
  title: string;
  body: string;
  audience: CircularAudience;
  requiresAck: boolean;
  publishedAt: string;
  attachment: CircularAttachmentInfo | null;
  /** When the caller (a guardian) first opened it; null when not yet, or when the caller is not a guardian. */
  readAt: string | null;
  acknowledgedAt: string | null;
}

/** GET /circulars: a publisher's list item (with counts) or a reader's. */
export type CircularListItem = CircularView | CircularReaderView;

/** One guardian addressed by a circular, for the "who has not acknowledged" list. */
export interface CircularRecipientView {
  guardianId: string;
  guardianName: string;
  /** The guardian's children the circular was addressed for. */
  students: string[];
  readAt: string | null;
  acknowledgedAt: string | null;
}

/** GET /circulars/:id/recipients: a page (by guardian id, `cursor` = the last page's `nextCursor`). */
export interface CircularRecipientsPage {
  counts: CircularCounts;
  /** How many recipients the filter keeps over every page (all addressed, or those still pending). */
  total: number;
  items: CircularRecipientView[];
  nextCursor: string | null;
}

export const CircularsErrorCode = {
  NotEditable: 'CIRCULAR_NOT_EDITABLE',
  NotPublished: 'CIRCULAR_NOT_PUBLISHED',
  AckNotRequired: 'CIRCULAR_ACK_NOT_REQUIRED',
  NotAddressed: 'CIRCULAR_NOT_A_GUARDIAN',
  PublishAtPast: 'CIRCULAR_PUBLISH_AT_PAST',
  NotAPdf: 'CIRCULAR_ATTACHMENT_NOT_PDF',
} as const;
