import { describe, expect, it } from 'vitest';
import { upsertClause } from './upsert-clause';

describe('upsertClause', () => {
  it('copies the incoming values with VALUES() on MySQL', () => {
    expect(upsertClause('mysql', ['tenant_id', 'student_id'], ['status', 'note'])).toBe(
      'ON DUPLICATE KEY UPDATE status = VALUES(status), note = VALUES(note)',
    );
  });

  it('copies the incoming values from excluded on SQLite, naming the conflict columns', () => {
    expect(upsertClause('sqlite', ['tenant_id', 'student_id'], ['status', 'note'])).toBe(
      'ON CONFLICT (tenant_id, student_id) DO UPDATE SET status = excluded.status, note = excluded.note',
    );
  });

  it('writes expressions over the existing row the same way in both dialects', () => {
    expect(upsertClause('mysql', ['tenant_id', 'student_id'], { movements: 'movements + 1' })).toBe(
      'ON DUPLICATE KEY UPDATE movements = movements + 1',
    );
    expect(upsertClause('sqlite', ['tenant_id', 'student_id'], { movements: 'movements + 1' })).toBe(
      'ON CONFLICT (tenant_id, student_id) DO UPDATE SET movements = movements + 1',
    );
  });

  it('refuses a clause with nothing to update or no conflict columns', () => {
    expect(() => upsertClause('sqlite', ['tenant_id'], [])).toThrow();
    expect(() => upsertClause('mysql', [], ['status'])).toThrow();
  });
});
