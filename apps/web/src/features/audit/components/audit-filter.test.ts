import { describe, expect, it } from 'vitest';
import { toAuditFilter } from './audit-filter';

describe('audit filter', () => {
  it('turns calendar days into the first and last instant of those days in the institution time zone', () => {
    const filter = toAuditFilter(
      { action: 'auth.*', outcome: 'failure', dates: ['2025-06-02', '2025-06-03'], actorUserId: '' },
      'Asia/Kolkata',
    );
    expect(filter).toEqual({
      action: 'auth.*',
      outcome: 'failure',
      from: '2025-06-01T18:30:00.000Z',
      to: '2025-06-03T18:29:59.999Z',
    });
  });

  it('leaves out the filters that are not set, and treats a single day as that whole day', () => {
    expect(toAuditFilter({ action: '', outcome: '', dates: [null, null], actorUserId: '' }, 'UTC')).toEqual(
      {},
    );
    expect(
      toAuditFilter({ action: '', outcome: '', dates: ['2025-06-02', null], actorUserId: '' }, 'UTC'),
    ).toEqual({
      from: '2025-06-02T00:00:00.000Z',
      to: '2025-06-02T23:59:59.999Z',
    });
  });
});
