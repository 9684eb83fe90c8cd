import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { TenantCache } from '../../platform/cache/tenant-cache';
import { daysBetween } from '../../platform/time/local-time';
import { AuditService } from '../audit/audit.service';
import { HolidaysRepository } from './attendance.repository';

/** The institution's holiday calendar: no attendance is taken on these days. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly db: Database,
    private readonly holidays: HolidaysRepository,
    private readonly audit: AuditService,
    private readonly cache: TenantCache,
  ) {}

  async list(from: string, to: string) {
    const span = daysBetween(from, to);
    if (span < 0) throw new ValidationFailedError([{ field: 'to', message: 'must be on or after from' }]);
    if (span > 400)
      throw new ValidationFailedError([{ field: 'to', message: 'a list covers at most 400 days' }]);
    return (await this.holidays.inRange(from, to)).map((h) => ({ id: h.id, date: h.date, name: h.name }));
  }

  async add(date: string, rawName: string) {
    const name = rawName.trim();
    // The DTO counts the spaces too: "  x " would otherwise be saved as a one-letter holiday.
    if (name.length < 2)
      throw new ValidationFailedError([{ field: 'name', message: 'name must be at least 2 characters' }]);
    return this.db.transaction(async () => {
      if (await this.holidays.onDate(date))
        throw new ConflictError(`${date} is already a holiday.`, 'HOLIDAY_EXISTS', [
          { field: 'date', message: 'already a holiday' },
        ]);
      const id = uuidv7();
      await this.holidays.add({ id, date, name });
      this.cache.invalidate(`attendance:holiday:${date}`);
      await this.audit.record({
        action: 'attendance.holiday_add',
        targetType: 'holiday',
        targetId: id,
        details: { date, name },
      });
      return { id, date, name };
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const h = await this.holidays.byId(id);
      if (!h) throw new NotFoundError('The holiday');
      await this.holidays.remove(id);
      this.cache.invalidate(`attendance:holiday:${h.date}`);
      await this.audit.record({
        action: 'attendance.holiday_remove',
        targetType: 'holiday',
        targetId: id,
        details: { date: h.date, name: h.name },
      });
    });
  }
}
