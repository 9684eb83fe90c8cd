import type {
  CircularCounts,
  CircularReaderView,
  CircularView,
  CircularAttachmentInfo,
} from '@shala/contracts';
import type {
  Circular,
  CircularAttachment,
  CircularRecipient,
  CircularTarget,
} from './entities/circular.entities';

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

function attachmentInfo(a: CircularAttachment | undefined): CircularAttachmentInfo | null {
  return a ? { fileName: a.fileName, bytes: a.bytes } : null;
}

/** A circular as its publishers see it. */
export function publisherView(
  c: Circular,
  targets: CircularTarget[],
  attachment: CircularAttachment | undefined,
  counts: CircularCounts | undefined,
): CircularView {
  const mine = targets.filter((t) => t.circularId === c.id);
  return {
    id: c.id,
    title: c.title,
    body: c.body,
    audience: c.audience,
    classIds: mine.filter((t) => t.kind === 'class').map((t) => t.targetId),
    sectionIds: mine.filter((t) => t.kind === 'section').map((t) => t.targetId),
    requiresAck: Boolean(c.requiresAck),
    status: c.status,
    publishAt: iso(c.publishAt),
    publishedAt: iso(c.publishedAt),
    createdAt: iso(c.createdAt)!,
    updatedAt: iso(c.updatedAt)!,
    attachment: attachmentInfo(attachment),
    counts: c.status === 'published' ? (counts ?? { addressed: 0, read: 0, acknowledged: 0 }) : null,
    notified: c.notified ?? null,
  };
}

/** A published circular as a reader sees it, with the caller's own reading (a guardian's). */
export function readerView(
  c: Circular,
  attachment: CircularAttachment | undefined,
  receipt: CircularRecipient | undefined,
): CircularReaderView {
  return {
    id: c.id,
    title: c.title,
    body: c.body,
    audience: c.audience,
    requiresAck: Boolean(c.requiresAck),
    publishedAt: iso(c.publishedAt)!,
    attachment: attachmentInfo(attachment),
    readAt: iso(receipt?.readAt ?? null),
    acknowledgedAt: iso(receipt?.acknowledgedAt ?? null),
  };
}
