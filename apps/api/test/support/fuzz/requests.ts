import { ALL_PERMISSIONS } from '@shala/contracts';
import fc from 'fast-check';
import type { FuzzOperation, HttpMethod, ParameterObject, SchemaObject } from './openapi';
import {
  EXTRA_KEYS,
  Raw,
  anyJson,
  dateString,
  dateTimeString,
  hostileNumber,
  hostileString,
  junkSegment,
  monthString,
  nestedJson,
  oddCalendarValue,
  timeString,
  wrongType,
} from './values';

/** What the world holds, for valid-ish values: real ids per table and the strings that open doors. */
export interface FuzzContext {
  /** Ids of real records of `table` (null: of any table): the caller's own institution, and the others. */
  ids(table: string | null): { own: readonly string[]; other: readonly string[] };
  emails: readonly string[];
  slugs: readonly string[];
  admissionNos: readonly string[];
  phones: readonly string[];
  roleKeys: readonly string[];
  passwords: readonly string[];
  totpCodes: readonly string[];
  mfaTokens: readonly string[];
  /** The header line of the student import template. */
  csvHeader: string;
}

export type FuzzBody =
  { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; text: string };

/** One generated request, kept structured so a failure can be reduced field by field. */
export interface RequestSpec {
  path: Record<string, unknown>;
  query: [string, unknown][];
  headers: Record<string, string>;
  body: FuzzBody;
}

export interface RenderedRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Which table an id-named field points into (`studentId` → students; `targetId` → any table). */
const TABLE_OF_KIND: Record<string, string> = {
  academicyear: 'academic_years',
  toyear: 'academic_years',
  year: 'academic_years',
  class: 'classes',
  fromclass: 'classes',
  toclass: 'classes',
  section: 'sections',
  subject: 'subjects',
  student: 'students',
  guardian: 'guardians',
  head: 'fee_heads',
  user: 'users',
  teacheruser: 'users',
  classteacheruser: 'users',
  actoruser: 'users',
  institution: 'institutions',
  target: '*',
};

/** Which table `{id}` points into, by the path segment before it (`/students/{id}`). */
const TABLE_OF_SEGMENT: Record<string, string> = {
  roles: 'roles',
  messages: 'outbox_messages',
  templates: 'notification_templates',
  sessions: 'sessions',
  years: 'academic_years',
  sections: 'sections',
  'subject-assignments': 'subject_assignments',
  students: 'students',
  holidays: 'holidays',
  'leave-requests': 'leave_requests',
  structures: 'fee_structures',
  invoices: 'fee_invoices',
  payments: 'fee_payments',
  'online-orders': 'fee_online_orders',
  users: 'users',
  institutions: 'institutions',
};

/** The table a field or path parameter names (`studentId`, `/students/{id}`), '*' for any, or undefined. */
export function tableFor(name: string, segmentBefore?: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'id') return segmentBefore ? (TABLE_OF_SEGMENT[segmentBefore] ?? '*') : undefined;
  return lower.endsWith('id') ? TABLE_OF_KIND[lower.slice(0, -2)] : undefined;
}

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{2,12}( [A-Za-z][A-Za-z0-9-]{1,12})?$/);
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const secret = fc.stringMatching(/^[A-Za-z0-9]{16,40}$/);
const oneOf = <T>(values: readonly T[], fallback: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  values.length > 0 ? fc.constantFrom(...values) : fallback;

/** A real id of the table, mostly the caller's institution's, sometimes another's or one nobody has. */
function idArbitrary(ctx: FuzzContext, table: string): fc.Arbitrary<string> {
  const { own, other } = ctx.ids(table === '*' ? null : table);
  return fc.oneof(
    { weight: 8, arbitrary: oneOf(own, fc.uuid()) },
    { weight: 1, arbitrary: oneOf(other, fc.uuid()) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

const NUMBER_RANGES: Record<string, [number, number]> = {
  amount: [1, 5_000_000],
  amountperinstalment: [0, 2_000_000],
  cap: [0, 1_000_000],
  percentbasispoints: [0, 10_000],
  gracedays: [0, 60],
  days: [1, 60],
  threshold: [0, 100],
  chronicthresholdpercent: [0, 100],
  periodsperday: [1, 12],
  period: [1, 8],
  rollno: [1, 80],
  ordinal: [1, 15],
  limit: [1, 200],
  mindaysoverdue: [0, 120],
};

const emailArbitrary = (ctx: FuzzContext) =>
  fc.oneof(
    oneOf(ctx.emails, fc.emailAddress()),
    fc.stringMatching(/^[a-z]{3,10}\.[a-z]{2,8}@greenwood\.test$/),
  );

/** A valid-ish value for a field known by its name, or undefined to fall back on its schema. */
function hinted(name: string, schema: SchemaObject, ctx: FuzzContext): fc.Arbitrary<unknown> | undefined {
  const n = name.toLowerCase();
  const table = tableFor(name);
  if (table) return idArbitrary(ctx, table);
  if (n === 'from' || n === 'to') return fc.oneof({ weight: 3, arbitrary: dateString }, dateTimeString);
  if (['asof', 'startson', 'endson', 'dateofbirth', 'date'].includes(n) || n.endsWith('date'))
    return dateString;
  if (n === 'month') return monthString;
  if (['cutofftime', 'start', 'end'].includes(n)) return timeString;
  if (n.includes('email') || n === 'replyto' || n === 'fromaddress') return emailArbitrary(ctx);
  if (n.includes('phone') && n !== 'phonenumberid')
    return fc.oneof(
      oneOf(ctx.phones, fc.constant('+919812345678')),
      fc.stringMatching(/^\+91[6-9][0-9]{9}$/),
    );
  if (n.includes('password'))
    return fc.oneof(oneOf(ctx.passwords, word), fc.stringMatching(/^Correct-Horse-[a-z]{4}-[0-9]{4}$/));
  if (n === 'code')
    return typeof schema.example === 'string' && /^[A-Z]+$/.test(schema.example)
      ? fc.stringMatching(/^[A-Z]{2,8}$/)
      : fc.oneof(oneOf(ctx.totpCodes, digits(6, 6)), digits(6, 6));
  if (n === 'mfatoken') return oneOf(ctx.mfaTokens, fc.constant('a.b.c'));
  if (n === 'token' || n === 'recoverycode') return fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);
  if (n === 'institution') return oneOf(ctx.slugs, word);
  if (n === 'slug') return fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/);
  if (n === 'key') return fc.oneof(oneOf(ctx.roleKeys, word), fc.stringMatching(/^[a-z][a-z_]{2,20}$/));
  if (n === 'permissions') return fc.uniqueArray(fc.constantFrom(...ALL_PERMISSIONS), { maxLength: 8 });
  if (n === 'roles') return fc.uniqueArray(oneOf(ctx.roleKeys, word), { minLength: 1, maxLength: 2 });
  if (n.includes('language')) return fc.constantFrom('en', 'hi', 'kn');
  if (n === 'timezone') return fc.constantFrom('Asia/Kolkata', 'UTC', 'America/New_York');
  if (n === 'currency') return fc.constantFrom('INR', 'USD');
  if (n === 'weeklyoffdays')
    return fc.uniqueArray(fc.constantFrom('0', '1', '2', '3', '4', '5', '6'), { maxLength: 2 });
  if (n === 'admissionno')
    return fc.oneof(oneOf(ctx.admissionNos, word), fc.stringMatching(/^GR-9[0-9]{3}$/));
  if (n === 'nationalid') return fc.stringMatching(/^[0-9]{4}-[0-9]{4}-[0-9]{4}$/);
  if (n === 'provider') return fc.constantFrom('razorpay', 'sandbox');
  if (n === 'action')
    return fc.constantFrom('auth.login', 'students.create', 'roles.*', 'auth.*', 'users.invite');
  if (n === 'targettype') return fc.constantFrom('user', 'student', 'role', 'session', 'institution');
  if (n === 'q') return fc.oneof(word, oneOf(ctx.admissionNos, word));
  if (n === 'reference') return fc.stringMatching(/^[A-Z0-9-]{3,20}$/);
  if (n === 'keyid') return fc.stringMatching(/^rzp_test_[A-Za-z0-9]{14}$/);
  if (['dlttemplateid', 'entityid', 'phonenumberid', 'businessaccountid'].includes(n)) return digits(12, 19);
  if (n === 'senderheader') return fc.stringMatching(/^[A-Z]{6}$/);
  if (/(secret|apikey|accesstoken|verifytoken)$/.test(n)) return secret;
  if (n === 'templatename') return fc.stringMatching(/^[a-z][a-z_]{2,30}$/);
  if (n === 'parameters')
    return fc.uniqueArray(fc.constantFrom('student', 'date', 'status', 'school'), { maxLength: 4 });
  if (n === 'subject' || n === 'body')
    return fc.constantFrom(
      '{{student}} was marked {{status}} on {{date}}',
      'Dear parent, {{student}} was marked {{status}} on {{date}}. - {{school}}',
      'Absence of {{student}}',
    );
  if (n === 'hub.mode') return fc.constant('subscribe');
  if (n === 'hub.challenge') return digits(4, 12);
  if (n.startsWith('x-dlr')) return fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), digits(10, 10));
  if (n === 'idempotency-key') return fc.uuid();
  return undefined;
}

const singular = (name: string) => name.replace(/ies$/, 'y').replace(/s$/, '');
const ARRAY_HINTS = new Set(['permissions', 'roles', 'weeklyoffdays', 'parameters']);

/** A value that fits the schema and, where the name says more than the schema, the name. */
export function validish(
  schema: SchemaObject,
  name: string,
  ctx: FuzzContext,
  depth = 0,
): fc.Arbitrary<unknown> {
  const arb = validishInner(schema, name, ctx, depth);
  return schema.nullable ? fc.option(arb, { nil: null, freq: 6 }) : arb;
}

function validishInner(
  schema: SchemaObject,
  name: string,
  ctx: FuzzContext,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const structured = schema.type === 'array' || Object.keys(schema.properties ?? {}).length > 0;
  const hint = !structured || ARRAY_HINTS.has(name.toLowerCase()) ? hinted(name, schema, ctx) : undefined;
  if (hint) return hint;
  switch (schema.type) {
    case 'number':
    case 'integer': {
      const [min, max] = NUMBER_RANGES[name.toLowerCase()] ?? [schema.minimum ?? 0, schema.maximum ?? 100];
      return fc.integer({ min, max });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validish(schema.items ?? { type: 'string' }, singular(name), ctx, depth + 1), {
        minLength: 1,
        maxLength: 3,
      });
    case 'object':
      if (structured && depth < 6) {
        const model = Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([k, s]) => [k, validish(s, k, ctx, depth + 1)]),
        );
        return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
      }
      // class-validator's optional string fields surface as nullable "object" in the document.
      return fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: fc.constant(null) });
    default:
      return word;
  }
}

/** A hostile value for any field: wrong types, bounds, unicode, injection, odd dates, nulls. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: wrongType },
  { weight: 2, arbitrary: oddCalendarValue },
  { weight: 1, arbitrary: anyJson },
);

type JsonPath = (string | number)[];

function pathsOf(value: unknown, depth = 0, at: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [at];
  if (depth > 4 || value === null || typeof value !== 'object') return out;
  const entries = Array.isArray(value)
    ? value.slice(0, 5).map((v, i) => [i, v] as const)
    : Object.entries(value);
  for (const [k, v] of entries) out.push(...pathsOf(v, depth + 1, [...at, k]));
  return out;
}

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

const OVERSIZED = `{"a":"${'x'.repeat(1_100_000)}"}`;

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  'nul',
  '\u0000',
  '{"a":1}{"b":2}',
  '\ufeff{}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":1e999}',
  '{"a":"\\ud800"}',
  '"\\u0000"',
  ' ',
];

/** Bodies that are not the declared JSON object: none, scalars, malformed, deeply nested, huge, other types. */
function oddBody(ctx: FuzzContext): fc.Arbitrary<FuzzBody> {
  const raw = (contentType: string, text: string): FuzzBody => ({ kind: 'raw', contentType, text });
  return fc.oneof(
    fc.constant<FuzzBody>({ kind: 'none' }),
    fc.constantFrom({}, null, [], 'x', 0, true, [{}]).map((value): FuzzBody => ({ kind: 'json', value })),
    fc
      .tuple(
        fc.constantFrom(33, 256, 2_000, 10_000, 60_000),
        fc.constantFrom('object' as const, 'array' as const),
      )
      .map(([depth, kind]) => raw('application/json', nestedJson(depth, kind))),
    fc.constantFrom(...MALFORMED_JSON, OVERSIZED).map((text) => raw('application/json', text)),
    fc.constantFrom(
      raw('text/plain', 'hello'),
      raw('application/x-www-form-urlencoded', 'a=1&b=2'),
      raw('multipart/form-data; boundary=x', '--x\r\n\r\n--x--'),
      raw('application/xml', '<a>1</a>'),
      raw('application/json; charset=utf-16', '{}'),
      raw('text/csv', `${ctx.csvHeader}\n`),
    ),
    csvBody(ctx, hostileString.map(String)),
  );
}

/** Values for a CSV column named like `guardian_phone` or `class`. */
function csvCell(column: string, ctx: FuzzContext): fc.Arbitrary<string> {
  const name = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/[0-9]/g, '');
  if (name === 'class') return fc.constantFrom('Class 5', 'Class 6');
  if (name === 'section') return fc.constantFrom('A', 'B');
  if (name === 'gender') return fc.constantFrom('female', 'male');
  if (name.endsWith('Relationship')) return fc.constantFrom('mother', 'father');
  if (name === 'admissionNo') return fc.stringMatching(/^GR-8[0-9]{3}$/);
  const hint = hinted(name, { type: 'string' }, ctx);
  return hint ? hint.map(String) : word;
}

/** CSV uploads (the student import takes text/csv): the template's header, then rows. */
function csvBody(ctx: FuzzContext, cells?: fc.Arbitrary<string>): fc.Arbitrary<FuzzBody> {
  const columns = ctx.csvHeader.split(',').filter(Boolean);
  const row =
    cells && columns.length > 0
      ? fc.array(cells, { minLength: 1, maxLength: columns.length + 2 })
      : fc.tuple(...columns.map((c) => csvCell(c, ctx)));
  return fc.array(row, { minLength: 1, maxLength: 4 }).map((rows): FuzzBody => ({
    kind: 'raw',
    contentType: 'text/csv',
    text: [ctx.csvHeader, ...rows.map((r) => r.join(','))].join('\n'),
  }));
}

function paramArbitrary(param: ParameterObject, op: FuzzOperation, ctx: FuzzContext): fc.Arbitrary<unknown> {
  const segments = op.path.split('/');
  const at = segments.indexOf(`{${param.name}}`);
  const table = tableFor(param.name, at > 0 ? segments[at - 1] : undefined);
  if (table) return idArbitrary(ctx, table);
  return validish(param.schema ?? { type: 'string' }, param.name, ctx);
}

/** A request as a well-meaning client would send it, aimed at real records. */
function validRequest(op: FuzzOperation, ctx: FuzzContext): fc.Arbitrary<RequestSpec> {
  const path = fc.record(Object.fromEntries(op.pathParams.map((p) => [p.name, paramArbitrary(p, op, ctx)])));
  const query = fc
    .tuple(
      ...op.queryParams
        .filter((p) => p.name !== 'cursor')
        .map((p) => {
          const entry = paramArbitrary(p, op, ctx).map((v): [string, unknown][] => [[p.name, v]]);
          return p.required ? entry : fc.oneof(entry, fc.constant<[string, unknown][]>([]));
        }),
    )
    .map((parts) => parts.flat());
  const headers = fc.record(
    Object.fromEntries(
      op.headerParams.map((p) => [p.name.toLowerCase(), paramArbitrary(p, op, ctx).map(String)]),
    ),
    { requiredKeys: op.headerParams.filter((p) => p.required).map((p) => p.name.toLowerCase()) },
  ) as fc.Arbitrary<Record<string, string>>;
  const body: fc.Arbitrary<FuzzBody> = op.body
    ? validish(op.body, 'body', ctx).map((value): FuzzBody => ({ kind: 'json', value }))
    : op.method === 'POST' || op.method === 'PUT'
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
          { weight: 1, arbitrary: csvBody(ctx) },
        )
      : fc.constant<FuzzBody>({ kind: 'none' });
  return fc.record({ path, query, headers, body });
}

/** One change that makes a request hostile, applied to whatever the request holds. */
interface Mutation {
  where: 'path' | 'query' | 'header' | 'body';
  action: 'set' | 'delete' | 'extra' | 'replace';
  pick: number;
  value: unknown;
  segment: unknown;
  header: string;
  extraKey: string;
  body: FuzzBody;
}

function mutationArbitrary(op: FuzzOperation, ctx: FuzzContext): fc.Arbitrary<Mutation> {
  const where = fc.oneof(
    { weight: 4, arbitrary: fc.constant('body' as const) },
    { weight: op.pathParams.length > 0 ? 2 : 0, arbitrary: fc.constant('path' as const) },
    { weight: op.queryParams.length > 0 ? 3 : 1, arbitrary: fc.constant('query' as const) },
    { weight: op.headerParams.length > 0 ? 1 : 0, arbitrary: fc.constant('header' as const) },
  );
  return fc.record({
    where,
    action: fc.constantFrom(
      'set' as const,
      'set' as const,
      'set' as const,
      'delete' as const,
      'extra' as const,
      'replace' as const,
    ),
    pick: fc.nat(),
    value: hostileValue,
    segment: fc.oneof(junkSegment, hostileValue),
    header: fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
    extraKey: fc.constantFrom(...EXTRA_KEYS),
    body: oddBody(ctx),
  });
}

function mutate(op: FuzzOperation, spec: RequestSpec, m: Mutation): RequestSpec {
  switch (m.where) {
    case 'path': {
      const name = op.pathParams[m.pick % op.pathParams.length]!.name;
      return { ...spec, path: { ...spec.path, [name]: m.action === 'delete' ? new Raw('') : m.segment } };
    }
    case 'query': {
      const declared = op.queryParams.map((p) => p.name);
      const name = declared.length > 0 ? declared[m.pick % declared.length]! : m.extraKey;
      const others = spec.query.filter(([k]) => k !== name);
      if (m.action === 'delete') return { ...spec, query: others };
      if (m.action === 'extra') return { ...spec, query: [...spec.query, [m.extraKey, m.value]] };
      if (m.action === 'replace') return { ...spec, query: [...spec.query, [name, m.segment]] };
      return { ...spec, query: [...others, [name, m.value]] };
    }
    case 'header': {
      const name = op.headerParams[m.pick % op.headerParams.length]!.name.toLowerCase();
      const headers = { ...spec.headers };
      if (m.action === 'delete') delete headers[name];
      else headers[name] = m.header;
      return { ...spec, headers };
    }
    case 'body': {
      if (m.action === 'replace' || spec.body.kind !== 'json') return { ...spec, body: m.body };
      const value = spec.body.value;
      const paths = pathsOf(value);
      const path = paths[m.pick % paths.length]!;
      if (path.length === 0) {
        if (m.action === 'extra' && value !== null && typeof value === 'object' && !Array.isArray(value))
          return { ...spec, body: { kind: 'json', value: { ...value, [m.extraKey]: m.value } } };
        return { ...spec, body: { kind: 'json', value: m.value } };
      }
      const copy = clone(value) as Record<string | number, unknown>;
      let parent = copy;
      for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      const target = parent[last];
      if (m.action === 'delete' && !Array.isArray(parent)) delete parent[last];
      else if (m.action === 'extra' && target && typeof target === 'object' && !Array.isArray(target))
        parent[last] = { ...target, [m.extraKey]: m.value };
      else parent[last] = m.value;
      return { ...spec, body: { kind: 'json', value: copy } };
    }
  }
}

/**
 * Requests for one operation: half as a well-meaning client sends them (real ids, values that fit the
 * schema), the rest with one or a few hostile changes (junk ids, wrong types, bounds, odd dates, unknown
 * fields, broken or oversized bodies).
 */
export function requestArbitrary(op: FuzzOperation, ctx: FuzzContext): fc.Arbitrary<RequestSpec> {
  const mutations = fc.oneof(
    { weight: 5, arbitrary: fc.constant<Mutation[]>([]) },
    { weight: 4, arbitrary: fc.array(mutationArbitrary(op, ctx), { minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.array(mutationArbitrary(op, ctx), { minLength: 2, maxLength: 4 }) },
  );
  return fc
    .tuple(validRequest(op, ctx), mutations)
    .map(([spec, ms]) => ms.reduce((s, m) => mutate(op, s, m), spec));
}

/** Percent-encodes a value; a lone surrogate becomes the (invalid UTF-8) bytes of its CESU-8 form. */
function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      out += '%ED%A0%80';
    }
  }
  return out;
}

function urlText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (typeof value === 'string') return encode(value);
  return encode(value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));
}

export function renderRequest(op: FuzzOperation, spec: RequestSpec): RenderedRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => urlText(spec.path[name]));
  const query = spec.query.map(([k, v]) => `${encode(k)}=${urlText(v)}`).join('&');
  const headers = { ...spec.headers };
  let payload: string | undefined;
  if (spec.body.kind === 'json') {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(spec.body.value) ?? 'null';
  } else if (spec.body.kind === 'raw') {
    headers['content-type'] = spec.body.contentType;
    payload = spec.body.text;
  }
  return {
    method: op.method,
    url: query ? `${path}?${query}` : path,
    headers,
    ...(payload !== undefined ? { payload } : {}),
  };
}

/** Smaller versions of a JSON value: an array with an element fewer, a shorter string, an object with a field fewer. */
function shrinkJson(value: unknown): unknown[] {
  if (Array.isArray(value))
    return [
      ...(value.length > 1 ? [value.slice(0, 1)] : []),
      ...value.slice(0, 8).map((_, i) => value.filter((__, j) => j !== i)),
    ];
  if (typeof value === 'string') return value.length > 16 ? [value.slice(0, 16)] : [];
  if (value && typeof value === 'object')
    return Object.keys(value).map((k) => {
      const copy = { ...(value as Record<string, unknown>) };
      delete copy[k];
      return copy;
    });
  return [];
}

/** Smaller variants of a failing request: a query parameter, header or body field fewer, or no body. */
export function reductionsOf(spec: RequestSpec): RequestSpec[] {
  const out: RequestSpec[] = [];
  for (const [name, value] of Object.entries(spec.path))
    if (typeof value === 'string' && value.length > 40)
      out.push({ ...spec, path: { ...spec.path, [name]: value.slice(0, Math.ceil(value.length / 4)) } });
  spec.query.forEach((_, i) => out.push({ ...spec, query: spec.query.filter((__, j) => j !== i) }));
  for (const h of Object.keys(spec.headers)) {
    const headers = { ...spec.headers };
    delete headers[h];
    out.push({ ...spec, headers });
  }
  const body = spec.body;
  if (body.kind === 'json')
    for (const value of shrinkJson(body.value)) out.push({ ...spec, body: { kind: 'json', value } });
  if (body.kind === 'json' && body.value && typeof body.value === 'object' && !Array.isArray(body.value)) {
    const object = body.value as Record<string, unknown>;
    for (const k of Object.keys(object))
      for (const smaller of shrinkJson(object[k]))
        out.push({ ...spec, body: { kind: 'json', value: { ...object, [k]: smaller } } });
  }
  const nesting = body.kind === 'raw' ? /^(\{"a":|\[)+/.exec(body.text)?.[0] : undefined;
  if (body.kind === 'raw' && nesting && body.text.length > 80) {
    const kind = body.text.startsWith('[') ? 'array' : 'object';
    const depth = kind === 'array' ? nesting.length : nesting.length / 5;
    out.push({
      ...spec,
      body: { kind: 'raw', contentType: body.contentType, text: nestedJson(Math.floor(depth / 2), kind) },
    });
  }
  if (body.kind !== 'none') out.push({ ...spec, body: { kind: 'none' } });
  return out;
}
