import { Injectable } from '@nestjs/common';
import { PAGE_LIMIT_DEFAULT } from '@shala/contracts';
import { z } from 'zod';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { StudentAccessPolicy } from '../students/student-access.policy';
import { StudentsService } from '../students/students.service';
import { StaffOnlyError } from './fees.errors';
import { FeesPaymentsService, PaymentView } from './fees-payments.service';
import { DefaulterRow, FeesReportsService } from './fees-reports.service';
import { FeePaymentsRepository, PaymentFilter } from './fees.repository';

export interface PaymentListItem extends PaymentView {
  fullName: string;
  admissionNo: string;
}

interface Page {
  limit?: number;
  cursor?: string;
}

/** An opaque keyset cursor: base64url JSON of the last row's sort key. */
function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationFailedError([{ field: 'cursor', message: 'is not one this API issued' }]);
  }
}

const paymentCursor = z.object({
  d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  id: z.string().regex(/^[0-9a-f-]{36}$/),
});
const defaulterCursor = z.object({
  o: z.number().int(),
  a: z.string().max(100),
  s: z.string().regex(/^[0-9a-f-]{36}$/),
});

/** Defaulters order: most outstanding first, then admission number, then id (a total order for keysets). */
function defaulterBefore(a: DefaulterRow, b: { o: number; a: string; s: string }): boolean {
  if (a.outstanding !== b.o) return a.outstanding > b.o;
  if (a.admissionNo !== b.a) return a.admissionNo < b.a;
  return a.studentId <= b.s;
}

/**
 * The fee lists that grow without bound, paged with keyset cursors (API.md: `{ items, nextCursor }`,
 * limit 50 by default, at most 200): the payments register and the defaulters report.
 */
@Injectable()
export class FeesListsService {
  constructor(
    private readonly paymentRows: FeePaymentsRepository,
    private readonly paymentViews: FeesPaymentsService,
    private readonly reports: FeesReportsService,
    private readonly students: StudentsService,
    private readonly policy: StudentAccessPolicy,
  ) {}

  /**
   * Payments newest first. With `studentId`, that student's (anyone who may see the student); without,
   * the whole institution's (staff only).
   */
  async payments(
    query: PaymentFilter & Page,
  ): Promise<{ items: PaymentListItem[]; nextCursor: string | null }> {
    if (query.studentId) await this.students.visible(query.studentId);
    else if ((await this.policy.scope()).kind !== 'all') throw new StaffOnlyError();
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const after = decodeCursor(query.cursor, paymentCursor);
    const rows = await this.paymentRows.page(
      query,
      limit + 1,
      after ? { paidOn: after.d, id: after.id } : undefined,
    );
    const page = rows.slice(0, limit);
    const dir = await this.students.directory([...new Set(page.map((p) => p.studentId))]);
    const last = page[page.length - 1];
    return {
      items: (await this.paymentViews.views(page)).map((v) => ({
        ...v,
        fullName: dir.get(v.studentId)?.fullName ?? '',
        admissionNo: dir.get(v.studentId)?.admissionNo ?? '',
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ d: last.paidOn, id: last.id }) : null,
    };
  }

  /** The defaulters report one page at a time; the totals (`count`, `totalOutstanding`) cover every page. */
  async defaulters(
    query: { asOf?: string; classId?: string; minDaysOverdue?: number } & Page,
  ): Promise<Awaited<ReturnType<FeesReportsService['defaulters']>> & { nextCursor: string | null }> {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const after = decodeCursor(query.cursor, defaulterCursor);
    const report = await this.reports.defaulters({
      asOf: query.asOf,
      classId: query.classId,
      minDaysOverdue: query.minDaysOverdue,
    });
    const ordered = [...report.items].sort((x, y) =>
      defaulterBefore(x, { o: y.outstanding, a: y.admissionNo, s: y.studentId }) ? -1 : 1,
    );
    const rest = after ? ordered.filter((r) => !defaulterBefore(r, after)) : ordered;
    const page = rest.slice(0, limit);
    const last = page[page.length - 1];
    return {
      ...report,
      items: page,
      nextCursor:
        rest.length > limit && last
          ? encodeCursor({ o: last.outstanding, a: last.admissionNo, s: last.studentId })
          : null,
    };
  }
}
