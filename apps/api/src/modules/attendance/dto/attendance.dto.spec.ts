import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../../../platform/errors/domain-error';
import { createValidationPipe } from '../../../platform/http/validation';
import { ATTENDANCE_STATUSES } from '../entities/attendance.entities';
import { SaveRegisterDto, isWellFormedRegister } from './attendance.dto';

const BODY: ArgumentMetadata = { type: 'body', metatype: SaveRegisterDto, data: undefined };
const full = createValidationPipe({ fastAccept: false });
const pipe = createValidationPipe();

/** What the full class-validator validation answers: the DTO, or the fields it names. */
async function reference(body: unknown): Promise<{ ok: unknown } | { details: unknown }> {
  try {
    return { ok: (await full.transform(body, BODY)) as unknown };
  } catch (error) {
    if (error instanceof ValidationFailedError) return { details: error.details };
    throw error;
  }
}

const uuid = '0190d1c4-7f2a-7cc1-9b2e-3f6a1d2c4b5e';
const mark = (over: Record<string, unknown> = {}) => ({ studentId: uuid, status: 'present', ...over });
const absentKey = Symbol('absent');
/** An object with the given entries, leaving out the ones drawn as absent. */
const objectOf = (entries: [string, unknown][]) =>
  Object.fromEntries(entries.filter(([, v]) => v !== absentKey));

// Values at and around every rule's edges, right and wrong, for each field.
const text = (n: number) => 'x'.repeat(n);
const emoji = (n: number) => `${text(n - 1)}\u{1F600}`; // a surrogate pair counts as one character
/** Mostly values the rule accepts, so that whole bodies often pass too; now and then one it refuses. */
const pick = (good: unknown[], bad: unknown[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...bad) },
  );
const field = {
  studentId: pick([uuid, uuid.toUpperCase()], ['not-a-uuid', '', 5, null, absentKey]),
  status: pick([...ATTENDANCE_STATUSES], ['PRESENT', 'gone', '', 1, null, absentKey]),
  note: pick([absentKey, null, '', 'ok', text(200), emoji(200)], [text(201), 7, ['x'], {}]),
  period: pick([absentKey, null, 0, 3, 20], [21, -1, 1.5, '3', true, Number.NaN]),
  subjectId: pick([absentKey, null, uuid], ['x', 5, {}]),
  reason: pick([absentKey, null, '', 'Arrived late', text(500), emoji(500)], [text(501), 5]),
};
const extra = fc.option(fc.constantFrom('extra', 'constructor', 'marks2', 'Period'), { nil: undefined });
const markArb = fc.oneof(
  { weight: 8, arbitrary: fc.record({ ...field, extra }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'present', 5, [], [mark()]) },
);
const marksArb = fc.oneof(
  { weight: 8, arbitrary: fc.array(markArb, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(absentKey, null, 'x', {}, mark()) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 199, max: 202 }).map((n) => Array.from({ length: n }, () => mark())),
  },
);
const toMark = (m: unknown) => {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return m;
  const { extra: key, ...rest } = m as Record<string, unknown>;
  const entries = Object.entries(rest);
  if (typeof key === 'string') entries.push([key, 'x']);
  return objectOf(entries);
};
const bodyArb = fc
  .record({ period: field.period, subjectId: field.subjectId, reason: field.reason, marks: marksArb, extra })
  .map(({ extra: key, marks, ...rest }) => {
    const entries: [string, unknown][] = Object.entries(rest);
    entries.push(['marks', Array.isArray(marks) ? marks.map(toMark) : marks]);
    if (key) entries.push([key, 1]);
    return objectOf(entries);
  });

describe('the register body', () => {
  it('is accepted by the quick check only when class-validator accepts it, and answers as the full validation does', async () => {
    let quick = 0;
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const expected = await reference(body);
        // Stricter is allowed (class-validator lets a nested empty list through as a mark; the full
        // validation then decides), looser never.
        if (isWellFormedRegister(body)) {
          quick++;
          expect(expected).toHaveProperty('ok');
        }
        const got = await pipe.transform(body, BODY).then(
          (ok: unknown) => ({ ok }),
          (error: ValidationFailedError) => ({ details: error.details }),
        );
        expect(got).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
    expect(quick).toBeGreaterThan(30);
  }, 60_000);

  it('refuses bodies that are not objects, and a student, status or note that breaks a rule', async () => {
    for (const body of [null, 'x', 5, [], [{ marks: [] }]]) expect(isWellFormedRegister(body)).toBe(false);
    for (const bad of [
      { studentId: 'x' },
      { status: 'gone' },
      { note: text(201) },
      { note: 7 },
      { nick: 'a' },
    ])
      expect(isWellFormedRegister({ marks: [mark(), mark(bad)] })).toBe(false);
    expect(isWellFormedRegister({ marks: Array.from({ length: 201 }, () => mark()) })).toBe(false);
    expect(isWellFormedRegister(Object.assign(Object.create(null) as object, { marks: [] }))).toBe(false);
  });

  it('passes a well-formed register on as parsed, without building DTO instances', async () => {
    const body = { period: 2, reason: 'late', marks: [mark(), mark({ status: 'absent', note: null })] };
    expect(await pipe.transform(body, BODY)).toBe(body);
    expect(await full.transform(body, BODY)).toBeInstanceOf(SaveRegisterDto);
  });

  it('names the bad fields of a malformed register as the full validation does', async () => {
    const body = { marks: [mark(), mark({ status: 'gone', nick: 'a' })], period: 21 };
    await expect(pipe.transform(body, BODY)).rejects.toMatchObject({
      status: 400,
      details: expect.arrayContaining([
        { field: 'marks.1.nick', message: 'is not an accepted field' },
        expect.objectContaining({ field: 'marks.1.status' }),
        expect.objectContaining({ field: 'period' }),
      ]),
    });
  });
});
