import { describe, expect, it } from 'vitest';
import { SENTENCE_PHRASES, auditSentence, dayInWords } from './audit-sentence';

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

  it('says who arranged a substitute in which section on which day, in English and Hindi', () => {
    const confirmed = event({
      action: 'timetable.substitution_confirm',
      details: { date: '2026-12-07', period: 2, substituteUserId: '0193abcd-0000-7000-8000-000000000003' },
    });
    expect(auditSentence(confirmed, 'Meera Iyer', 'Class 5 A')).toBe(
      'Meera Iyer arranged a substitute for Class 5 A on 7 Dec 2026',
    );
    expect(auditSentence(confirmed, 'Meera Iyer', 'Class 5 A', 'hi')).toBe(
      'Meera Iyer ने 7 दिस॰ 2026 को Class 5 A के लिए एक प्रतिस्थापन शिक्षक तय किया',
    );
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

  it('says in Hindi who changed the attendance of which section on which day', () => {
    expect(auditSentence(event(), 'Ravi Kumar', 'Class 5 A', 'hi')).toBe(
      'Ravi Kumar ने 6 दिस॰ 2026 के लिए Class 5 A की उपस्थिति बदली',
    );
    expect(auditSentence(event(), null, null, 'hi')).toBe(
      'उपयोगकर्ता 0193abcd ने 6 दिस॰ 2026 के लिए सेक्शन 0193abcd की उपस्थिति बदली',
    );
  });

  it('says in Hindi that a sign-in failed, or an action was denied', () => {
    expect(
      auditSentence(event({ action: 'auth.login', actorUserId: null, outcome: 'failure' }), null, null, 'hi'),
    ).toBe('किसी ने साइन इन करने का प्रयास किया — विफल');
    expect(auditSentence(event({ action: 'roles.delete', outcome: 'denied' }), 'Asha', null, 'hi')).toBe(
      'Asha ने एक भूमिका हटाई — अस्वीकृत',
    );
    expect(auditSentence(event({ action: 'roles.delete', outcome: 'failure' }), 'Asha', null, 'hi')).toBe(
      'Asha ने एक भूमिका हटाई — विफल',
    );
  });

  it('reads in Hindi an action it has no phrase for, keeping the action code', () => {
    expect(
      auditSentence(
        event({ action: 'fees.new_thing', actorUserId: null, targetType: 'fee_invoice', details: null }),
        null,
        null,
        'hi',
      ),
    ).toBe('सिस्टम: fees new thing (फ़ीस बिल 0193abcd)');
    expect(
      auditSentence(event({ action: 'test.x', targetType: 'widget', details: null }), 'Asha', null, 'hi'),
    ).toBe('Asha: test x (widget 0193abcd)');
  });

  it('writes Hindi dates with the month names the web uses (Intl hi-IN)', () => {
    for (let month = 1; month <= 12; month++) {
      const day = `2026-${String(month).padStart(2, '0')}-09`;
      const web = new Intl.DateTimeFormat('hi-IN', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${day}T00:00:00Z`),
      );
      expect(dayInWords(day, 'hi')).toBe(web);
    }
    expect(
      auditSentence(
        event({ action: 'attendance.leave_request', details: { from: '2026-01-05', to: '2026-01-07' } }),
        'Asha',
        'Meera (GW-0001)',
        'hi',
      ),
    ).toBe('Asha ने Meera (GW-0001) के लिए 5 जन॰ 2026 से 7 जन॰ 2026 तक अवकाश माँगा');
  });

  it('never fills a placeholder that is part of a name', () => {
    expect(auditSentence(event(), '{target}', '{date} {actor}', 'hi')).toBe(
      '{target} ने 6 दिस॰ 2026 के लिए {date} {actor} की उपस्थिति बदली',
    );
    expect(auditSentence(event(), '{target}', '{date}')).toBe(
      '{target} changed attendance of {date} for 6 Dec 2026',
    );
  });

  it('has Hindi words for every English phrase and no Hindi phrase without an English one', () => {
    const placeholders = (phrase: string) =>
      [...phrase.matchAll(/\{(target|date|from|to|count)\}/g)].map((m) => m[1]).sort();
    for (const kind of ['phrases', 'failed'] as const) {
      const en = SENTENCE_PHRASES.en[kind];
      const hi = SENTENCE_PHRASES.hi[kind];
      expect(Object.keys(hi).sort(), kind).toEqual(Object.keys(en).sort());
      for (const [action, phrase] of Object.entries(hi)) {
        expect(phrase, action).toMatch(/^[^a-z]*\{actor\}/);
        expect(phrase, action).toMatch(/[\u0900-\u097F]/);
        expect(placeholders(phrase), action).toEqual(placeholders(en[action]!));
      }
    }
  });
});
