import { Injectable } from '@nestjs/common';
import type { ErrorDetail, RemarksGridView, SaveTermSheetResult } from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { AuditService } from '../audit/audit.service';
import { ExamRemarksRepository } from './exams.repository';
import { TermSheetAccess } from './term-sheet-access';
import { rosterRows } from './section-rows';

export const MAX_REMARK_LENGTH = 500;

export interface RemarkRowInput {
  studentId: string;
  remark: string | null;
}

/**
 * The class teacher's remark per student and term, printed on the report card. Saved per section in one
 * idempotent transaction: remarks are trimmed, an empty one removes the remark, and every row is checked
 * before anything is written.
 */
@Injectable()
export class RemarksService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly access: TermSheetAccess,
    private readonly audit: AuditService,
    private readonly remarks: ExamRemarksRepository,
  ) {}

  async grid(termId: string, sectionId: string): Promise<RemarksGridView> {
    const sheet = await this.access.open(termId, sectionId, false);
    const saved = new Map(
      (
        await this.remarks.ofStudents(
          [termId],
          sheet.roster.map((r) => r.studentId),
        )
      ).map((r) => [r.studentId, r.remark]),
    );
    return {
      termId,
      sectionId,
      maxLength: MAX_REMARK_LENGTH,
      rows: sheet.roster.map((r) => ({ ...r, remark: saved.get(r.studentId) ?? null })),
    };
  }

  async save(
    termId: string,
    sectionId: string,
    input: { rows: RemarkRowInput[] },
  ): Promise<SaveTermSheetResult> {
    const sheet = await this.access.open(termId, sectionId, true);
    const roster = new Map(sheet.roster.map((r) => [r.studentId, r.fullName] as const));
    const details: ErrorDetail[] = [];
    const rows: { studentId: string; remark: string | null }[] = [];
    for (const { row, index: i, name } of rosterRows(roster, input.rows, details)) {
      const remark = (row.remark ?? '').trim();
      if (remark.length > MAX_REMARK_LENGTH) {
        details.push({
          field: `rows.${i}.remark`,
          studentId: row.studentId,
          studentName: name,
          message: `${name}: a remark has at most ${MAX_REMARK_LENGTH} characters`,
        });
        continue;
      }
      rows.push({ studentId: row.studentId, remark: remark || null });
    }
    if (details.length)
      throw new ValidationFailedError(
        details,
        `${details.length} problem(s) in the remarks; nothing was saved.`,
      );
    const userId = this.context.userId;
    return this.db.transaction(
      async () => {
        const existing = new Map(
          (
            await this.remarks.ofStudents(
              [termId],
              rows.map((r) => r.studentId),
            )
          ).map((r) => [r.studentId, r.remark]),
        );
        const at = this.clock.now();
        let created = 0;
        let changed = 0;
        let cleared = 0;
        for (const r of rows) {
          const before = existing.get(r.studentId) ?? null;
          if (before === r.remark) continue;
          if (r.remark === null) {
            await this.remarks.remove(termId, r.studentId);
            cleared++;
          } else if (before === null) {
            await this.remarks.put([
              { termId, studentId: r.studentId, remark: r.remark, remarkedBy: userId },
            ]);
            created++;
          } else {
            await this.remarks.change(termId, r.studentId, r.remark, userId, at);
            changed++;
          }
        }
        const total = created + changed + cleared;
        if (total > 0)
          await this.audit.record({
            action: 'exams.remarks.save',
            targetType: 'section',
            targetId: sectionId,
            details: { termId, sectionId, created, changed, cleared },
          });
        return { termId, sectionId, changed: total };
      },
      { retryOnDeadlock: true },
    );
  }
}
