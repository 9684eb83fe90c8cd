import { Injectable } from '@nestjs/common';
import { CIRCULAR_ATTACHMENT_MAX_BYTES, CommonErrorCode, type CircularView } from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { DomainError, NotFoundError } from '../../platform/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { NotAPdfError } from './circulars.errors';
import { CircularAttachmentsRepository } from './circulars.repository';
import { CircularsService } from './circulars.service';

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** Whether the bytes are a PDF by their start (`%PDF-`), whatever the content type or name said. */
export function looksLikePdf(bytes: Buffer): boolean {
  return bytes.length > PDF_MAGIC.length && bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC);
}

/** A file name safe to show and to put in Content-Disposition: letters, digits, space, `._-()`; ends .pdf. */
export function safePdfName(name: string | undefined): string {
  const base = (name ?? '')
    .replace(/\.pdf$/i, '')
    .replace(/[^\p{L}\p{M}\p{N} ._()-]+/gu, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${base || 'circular'}.pdf`;
}

/** A circular's PDF: set or removed while it is a draft or scheduled (a published circular never changes). */
@Injectable()
export class CircularAttachmentsService {
  constructor(
    private readonly db: Database,
    private readonly attachments: CircularAttachmentsRepository,
    private readonly circulars: CircularsService,
    private readonly audit: AuditService,
  ) {}

  async set(id: string, bytes: Buffer, fileName: string | undefined): Promise<CircularView> {
    await this.circulars.editable(id);
    // The body parser stops larger bodies first; this holds for any other way in.
    if (bytes.length > CIRCULAR_ATTACHMENT_MAX_BYTES)
      throw new DomainError(413, CommonErrorCode.PayloadTooLarge, 'The attachment is larger than 5 MB.');
    if (!looksLikePdf(bytes)) throw new NotAPdfError();
    const name = safePdfName(fileName);
    await this.db.transaction(async () => {
      await this.attachments.save({ circularId: id, fileName: name, bytes: bytes.length, data: bytes });
      await this.audit.record({
        action: 'circulars.attachment_set',
        targetType: 'circular',
        targetId: id,
        details: { fileName: name, bytes: bytes.length },
      });
    });
    return this.circulars.view(id);
  }

  async remove(id: string): Promise<CircularView> {
    await this.circulars.editable(id);
    if (!(await this.attachments.remove(id))) throw new NotFoundError('The attachment');
    return this.circulars.view(id);
  }
}
