import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import type { AttendanceStatus } from './entities/attendance.entities';
import { checkMarks } from './register-rules';

const mark = (studentId: string, status = 'present') => ({ studentId, status: status as AttendanceStatus });

describe('the marks of a register', () => {
  it('pass with each student once and a known status', () => {
    expect(() => checkMarks([mark('a'), mark('b', 'absent'), mark('c', 'half_day')])).not.toThrow();
    expect(() => checkMarks([])).not.toThrow();
  });

  it('are refused with every repeated student and unknown status named by its place', () => {
    let error: unknown;
    try {
      checkMarks([mark('a'), mark('b', 'gone'), mark('a'), mark('c'), mark('c', 'absent')]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).details).toEqual([
      { field: 'marks.1.status', message: expect.stringMatching(/^must be one of present, /) },
      { field: 'marks.2.studentId', message: 'appears twice' },
      { field: 'marks.4.studentId', message: 'appears twice' },
    ]);
  });
});
