import { Injectable } from '@nestjs/common';
import { PAGE_LIMIT_DEFAULT, type PaymentListItem } from '@shala/contracts';
import { z } from 'zod';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { StudentDirectory } from '../students/student-directory';
import { StaffOnlyError } from './fees.errors';
import { FeesPaymentsService } from './fees-payments.service';
import { FeesReportsService } from './fees-reports.service';
import { FeePaymentsRepository, PaymentFilter } from './fees.repository';

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
type SortKey = (string | number)[];

const sortKey = z
  .array(z.union([z.string().max(200), z.number().int()]))
  .min(1)
  .max(4);

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * A keyset page of rows a report computes whole (balances derive from the ledger, so they are summed
 * per request): rows are ordered by a total sort key, and the cursor is the last key handed out, so rows
 * that stay put are never shown twice or skipped when others change between pages.
 */
function keysetPage<T>(
  rows: T[],
  keyOf: (row: T) => SortKey,
  page: Page,
): { items: T[]; nextCursor: string | null } {
  const limit = page.limit ?? PAGE_LIMIT_DEFAULT;
  const after = decodeCursor(page.cursor, sortKey);
  const keyed = rows.map((row) => ({ row, key: keyOf(row) })).sort((a, b) => compareKeys(a.key, b.key));
  if (after && keyed.length && after.length !== keyed[0]!.key.length)
    throw new ValidationFailedError([{ field: 'cursor', message: 'is not one this API issued' }]);
  const rest = after ? keyed.filter((r) => compareKeys(r.key, after) > 0) : keyed;
  const items = rest.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => r.row),
    nextCursor: rest.length > limit && last ? encodeCursor(last.key) : null,
  };
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
    private readonly students: StudentDirectory,
  ) {}

  /**
   * Payments newest first. With `studentId`, that student's (anyone who may see the student); without,
   * the whole institution's (staff only).
   */
  async payments(
    query: PaymentFilter & Page,
  ): Promise<{ items: PaymentListItem[]; nextCursor: string | null }> {
    if (query.studentId) await this.students.visible(query.studentId);
    else if ((await this.students.scope()).kind !== 'all') throw new StaffOnlyError();
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
    const report = await this.reports.defaulters({
      asOf: query.asOf,
      classId: query.classId,
      minDaysOverdue: query.minDaysOverdue,
    });
    // Most outstanding first, then by admission number (the report's order), the id breaking ties.
    return {
      ...report,
      ...keysetPage(report.items, (r) => [-r.outstanding, r.admissionNo, r.studentId], query),
    };
  }

  /**
   * A student's ledger statement one page at a time, oldest entry first, each with its running balance;
   * `balance` is the student's whole balance. A student's entries are only ever appended (under the
   * fee-account lock), so an entry's position is a stable keyset key.
   */
  async ledger(query: { studentId: string } & Page) {
    const statement = await this.reports.ledgerOf(query.studentId);
    const page = keysetPage(
      statement.items.map((entry, seq) => ({ entry, seq })),
      (r) => [r.seq],
      query,
    );
    return {
      currency: statement.currency,
      balance: statement.balance,
      items: page.items.map((r) => r.entry),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Collections one page at a time (by day: oldest first; by class or head: largest first);
   * `totalCollected` covers every page.
   */
  async collections(
    query: { from: string; to: string; groupBy?: 'day' | 'class' | 'head' } & Page,
  ): Promise<Awaited<ReturnType<FeesReportsService['collections']>> & { nextCursor: string | null }> {
    const report = await this.reports.collections({ from: query.from, to: query.to, groupBy: query.groupBy });
    return {
      ...report,
      ...keysetPage(report.items, (r) => (report.groupBy === 'day' ? [r.key] : [-r.amount, r.key]), query),
    };
  }
}
