import fc from 'fast-check';

/**
 * Whether generated dates go past 2199 (2200-01-01, 9999-12-31, year 10000, ...). On: dates are part of
 * the attack surface. FUZZ_DATES_BEYOND_2199=0 turns them off on a checkout where such a date still sends
 * a day-by-day loop past year 9999 (leave requests, month registers): that loop is synchronous, so it
 * hangs the whole test process and no timeout can report it.
 */
export const INCLUDE_DATES_BEYOND_2199 = process.env.FUZZ_DATES_BEYOND_2199
  ? process.env.FUZZ_DATES_BEYOND_2199 === '1'
  : true;

/** A value written into the URL exactly as given (already percent-encoded, or deliberately malformed). */
export class Raw {
  constructor(readonly text: string) {}
  toJSON(): string {
    return `<raw ${this.text}>`;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Dates a school sees: the demo year 2026-27 around the pinned today (Friday 2026-11-20). */
const nearDate = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
  .map(ymd);

const SCHOOL_DATES = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-19', '2026-04-01', '2027-03-31'];

const ODD_DATES = [
  '0000-01-01',
  '0001-01-01',
  '1000-01-01',
  '1899-12-31',
  '1900-02-29',
  '1970-01-01',
  '2000-02-29',
  '2026-02-29',
  '2026-02-30',
  '2026-04-31',
  '2026-13-01',
  '2026-00-10',
  '2026-11-00',
  '2026-1-5',
  '20261120',
  '2026/11/20',
  '20-11-2026',
  '2026-11-20T10:00:00Z',
  '2026-11-20T00:00:00.000+05:30',
  '2026-11-20 ',
  ' 2026-11-20',
  '2199-12-31',
  'today',
  '',
];

const FAR_DATES = ['2200-01-01', '9999-12-31', '9999-12-30', '10000-01-01', '+010000-01-01', '275760-09-13'];

/** Well-formed dates at the ends of the calendar: loops over date ranges and date arithmetic meet them. */
const EXTREME_DATES = [
  '1900-01-01',
  '1970-01-01',
  '2199-12-31',
  ...(INCLUDE_DATES_BEYOND_2199 ? ['2200-01-01', '9999-12-31'] : []),
];

/** Well-formed 'YYYY-MM-DD' dates: mostly plausible school dates, sometimes the ends of the calendar. */
export const dateString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nearDate },
  { weight: 2, arbitrary: fc.constantFrom(...SCHOOL_DATES) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTREME_DATES) },
);

/** Odd, impossible and far-off dates. */
export const oddDate: fc.Arbitrary<string> = fc.constantFrom(
  ...ODD_DATES,
  ...(INCLUDE_DATES_BEYOND_2199 ? FAR_DATES : []),
);

/** Plausible timestamps for audit and message filters. */
export const dateTimeString: fc.Arbitrary<string> = fc.oneof(
  dateString,
  fc
    .date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2028-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
);

const ODD_DATE_TIMES = [
  '2026-11-20T25:61:61Z',
  '1970-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  ...(INCLUDE_DATES_BEYOND_2199 ? ['9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00Z'] : []),
];

/** Well-formed 'YYYY-MM' months: mostly plausible, sometimes the ends of the calendar. */
export const monthString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: nearDate.map((d) => d.slice(0, 7)) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTREME_DATES.map((d) => d.slice(0, 7))) },
);

const ODD_MONTHS = [
  '2026-13',
  '2026-00',
  '2026-1',
  '0000-01',
  '2199-12',
  '2026-11-20',
  'abcd-ef',
  ...(INCLUDE_DATES_BEYOND_2199 ? ['9999-12', '2200-01', '10000-01'] : []),
];

/** 'HH:MM' local times. */
export const timeString: fc.Arbitrary<string> = fc
  .tuple(fc.nat(23), fc.nat(59))
  .map(([h, m]) => `${pad(h)}:${pad(m)}`);

const ODD_TIMES = ['24:00', '23:60', '7:00', '16:00:00', '-1:00', '99:99', 'noon'];

/** Dates, months and times no calendar has. */
export const oddCalendarValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: oddDate },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_DATE_TIMES, ...ODD_MONTHS, ...ODD_TIMES) },
);

/** Strings no handler expects: empty, huge, control characters, odd unicode, injection look-alikes. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\t\r\n',
      '\ud800',
      '\udfff\ud800',
      '\u202egnp.exe',
      'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
      '👩‍👩‍👧‍👦🏳️‍🌈',
      'ﷺ',
      '𝕳𝖊𝖑𝖑𝖔',
      "' OR '1'='1' --",
      '"; DROP TABLE students; --',
      '%',
      '_',
      '\\',
      '%00',
      '../../../../etc/passwd',
      '<script>alert(1)</script>',
      '{{constructor.constructor}}',
      '{{#each x}}{{/each}}',
      '${process.env}',
      '__proto__',
      'null',
      'NaN',
      '-0',
      '1e309',
      'ɪɴᴠᴀʟɪᴅ',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('x', 'é', '😀', '\u0000', 'ab '),
        fc.constantFrom(101, 256, 1_001, 10_001, 70_000),
      )
      .map(([c, n]) => c.repeat(n)),
  },
);

/** Numbers at and past every sensible bound. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -0,
      -1,
      0.5,
      -0.5,
      1.999,
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 32,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 2,
      -Number.MAX_SAFE_INTEGER - 2,
      1e21,
      1e308,
      -1e308,
      Number.MIN_VALUE,
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** Any JSON value, shallow. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(new Array<number>(5_000).fill(1)),
  fc.constant(null),
  fc.boolean(),
  hostileNumber,
  hostileString,
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), {
    maxKeys: 3,
  }),
);

/** A value of the wrong type for any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.constant('1'),
  fc.constant('true'),
  fc.constant([]),
  fc.constant({}),
  fc.constant([null]),
  fc.constant({ $gt: '' }),
);

/** Field names a request should never be able to set. */
export const EXTRA_KEYS = [
  'tenantId',
  'tenant_id',
  'id',
  'userId',
  'isAdmin',
  'roles',
  'permissions',
  'createdAt',
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
  'a'.repeat(300),
];

/** `{"a":{"a":...}}` or `[[[...]]]` nested `depth` levels: what a recursive parser or validator chokes on. */
export function nestedJson(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object'
    ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
    : '['.repeat(depth) + ']'.repeat(depth);
}

/** Strings where an id belongs that are not ids. */
export const junkId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'not-a-uuid',
    '0',
    '-1',
    'null',
    'undefined',
    'true',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '018F2F6E-0000-7000-8000-000000000000',
    '{018f2f6e-0000-7000-8000-000000000000}',
    '018f2f6e-0000-7000-8000-000000000000x',
    '018f2f6e00007000800000000000000',
    ' ',
    'é',
    'a'.repeat(5_000),
  ),
  fc.string({ maxLength: 12 }),
);

/** Path segments that are not ids: also empty, encoded slashes, invalid UTF-8 and malformed escapes. */
export const junkSegment: fc.Arbitrary<string | Raw> = fc.oneof(
  { weight: 2, arbitrary: junkId },
  fc.constantFrom(
    new Raw('%00'),
    new Raw('%2F'),
    new Raw('..'),
    new Raw('%2e%2e'),
    new Raw('%ED%A0%80'),
    new Raw('%C0%AF'),
    new Raw('%'),
    new Raw('%zz'),
    new Raw(''),
    new Raw('a%20b'),
  ),
);
