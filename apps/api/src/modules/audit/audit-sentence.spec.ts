import { describe, expect, it } from 'vitest';
import { auditSentence, dayInWords } from './audit-sentence';

const event = (fields: Partial<Parameters<typeof auditSentence>[0]> = {}) => ({
  action: 'attendance.mark',
  outcome: 'success',
  actorUserId: '0193abcd-0000-7000-8000-000000000001',
  targetType: 'section',
  targetId: '0193abcd-0000-7000-8000-000000000002',
  details: { date: '2026-12-06', created: 0, changed: 3 },
  ...fields,
});

describe('audit sentences', () => {
  it('says who changed the attendance of which section on which day', () => {
    expect(auditSentence(event(), 'Ravi Kumar', 'Class 5 A')).toBe(
      'Ravi Kumar changed attendance of Class 5 A for 6 Dec 2026',
    );
    expect(
      auditSentence(
        event({ details: { date: '2026-12-06', created: 30, changed: 0 } }),
        'Ravi Kumar',
        'Class 5 A',
      ),
    ).toBe('Ravi Kumar marked attendance of Class 5 A for 6 Dec 2026');
  });

  it('falls back to the type and the start of the id when a name is unknown', () => {
    expect(auditSentence(event(), null, null)).toBe(
      'User 0193abcd changed attendance of section 0193abcd for 6 Dec 2026',
    );
  });

  it('reads an action it has no phrase for, and says when it failed or was denied', () => {
    expect(
      auditSentence(event({ action: 'fees.new_thing', actorUserId: null, details: null }), null, 'Class 5 A'),
    ).toBe('The system: fees new thing (Class 5 A)');
    expect(
      auditSentence(event({ action: 'auth.login', actorUserId: null, outcome: 'failure' }), null, null),
    ).toBe('Someone failed to sign in');
    expect(auditSentence(event({ action: 'roles.delete', outcome: 'denied' }), 'Asha', null)).toBe(
      'Asha deleted a role — denied',
    );
  });

  it('writes local dates in words', () => {
    expect(dayInWords('2026-01-09')).toBe('9 Jan 2026');
    expect(dayInWords(undefined)).toBeNull();
  });
});
