// The bare baseline of scripts/bench/compare.mjs (issue 18): Fastify + mysql2 doing, for each benchmarked
// route, the same SQL statements the API sends for its data work (read from the API with
// `compare.mjs --trace`), with a JWT check like the API's (HS256, issuer, audience, lifetime; the tenant and
// user come from the token) and JSON-schema validation of params, query and body, and compiled response
// serialization. It has none of the API's per-request machinery (session, permission and institution
// look-ups, audit context, request logging): that difference is what the benchmark measures.
// Environment: PORT, DATABASE_URL (mysql://), JWT_SECRET, DB_POOL_SIZE. GET /ready answers when it is up.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const req = createRequire(join(root, 'apps/api/package.json'));
const Fastify = req('fastify');
const mysql = req('mysql2/promise');
const { jwtVerify } = req('jose');

const key = new TextEncoder().encode(process.env.JWT_SECRET);
const url = new URL(process.env.DATABASE_URL);
const pool = mysql.createPool({
  host: url.hostname,
  port: Number(url.port || 3306),
  user: decodeURIComponent(url.username || 'root'),
  password: decodeURIComponent(url.password || ''),
  database: url.pathname.slice(1),
  connectionLimit: Number(process.env.DB_POOL_SIZE ?? 20),
  dateStrings: true,
  timezone: 'Z',
});

const app = Fastify({ logger: false });

class HttpError extends Error {
  constructor(status, code) {
    super(code);
    this.statusCode = status;
  }
}

/** The JWT check: same algorithm, issuer, audience, required claims and lifetime as the API. */
async function auth(request) {
  const m = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(request.headers.authorization ?? '');
  if (!m) throw new HttpError(401, 'UNAUTHENTICATED');
  try {
    const { payload } = await jwtVerify(m[1], key, {
      algorithms: ['HS256'],
      issuer: 'shala',
      audience: 'shala-api',
      clockTolerance: 5,
      requiredClaims: ['iss', 'aud', 'iat', 'exp', 'sub'],
      maxTokenAge: 600,
    });
    if (typeof payload.tid !== 'string' || typeof payload.sub !== 'string') throw new Error('claims');
    request.tenantId = payload.tid;
    request.userId = payload.sub;
  } catch {
    throw new HttpError(401, 'ACCESS_TOKEN_INVALID');
  }
}

/** Per-tenant reference data a lean server keeps in memory too (the API caches it as well). */
const tenants = new Map();
async function tenant(tenantId) {
  let t = tenants.get(tenantId);
  if (!t) {
    const [[year]] = await pool.query(
      'SELECT id, name FROM academic_years WHERE tenant_id = ? AND current_marker IS NOT NULL LIMIT 1',
      [tenantId],
    );
    const [[inst]] = await pool.query('SELECT time_zone, currency FROM institutions WHERE id = ?', [
      tenantId,
    ]);
    t = { year, timeZone: inst.time_zone, currency: inst.currency };
    tenants.set(tenantId, t);
  }
  return t;
}
/**
 * A teacher's sections and subject assignments for the year, kept in memory as the API keeps its academic
 * structure (changed only by admins; the API drops its copy on every change).
 */
const teachers = new Map();
async function teacherOf(tenantId, userId, yearId) {
  const key = `${tenantId}:${userId}:${yearId}`;
  let found = teachers.get(key);
  if (!found) {
    const sections = await q(
      pool,
      'SELECT tenant_id, id, class_id, name, class_teacher_user_id FROM sections WHERE class_teacher_user_id = ? AND tenant_id = ?',
      [userId, tenantId],
    );
    const assignments = await q(
      pool,
      'SELECT tenant_id, id, academic_year_id, section_id, subject_id, teacher_user_id FROM subject_assignments WHERE academic_year_id = ? AND tenant_id = ?',
      [yearId, tenantId],
    );
    found = { sections, assignments: assignments.filter((a) => a.teacher_user_id === userId) };
    teachers.set(key, found);
  }
  return found;
}
/** Section-days whose summary row this process has seen (the API's RegisterService.knownDays). */
const knownDays = new Set();
const today = (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
const q = async (conn, sql, params) => (await conn.query(sql, params))[0];

/**
 * The audit chain append the API does (AuditService.append): one INSERT linked to the head this process
 * last wrote, which the database's trigger moves on (migration AuditHeadTrigger), when no other append of
 * the tenant is under way here; otherwise, or when the trigger refuses the guess, the head under its lock
 * and then the INSERT.
 */
const knownHeads = new Map();
const appending = new Map();
const HEAD_KEY = 'bench-baseline-head-key';
const headMac = (tenantId, seq, hash) =>
  createHmac('sha256', HEAD_KEY).update(`head|${tenantId}|${seq}|${hash}`).digest('hex');
async function audit(conn, tenantId, userId, action, targetType, targetId, details) {
  const occurred = new Date().toISOString().slice(0, 23).replace('T', ' ');
  const body = JSON.stringify(details);
  const append = async (head) => {
    const seq = head.lastSeq + 1;
    const hash = createHmac('sha256', HEAD_KEY)
      .update(`${seq}|${action}|${targetId}|${body}`)
      .update('|')
      .update(head.lastHash)
      .digest('hex');
    try {
      await q(
        conn,
        'INSERT INTO audit_events (tenant_id, seq, id, occurred_at, actor_user_id, action, target_type, target_id, outcome, ip, user_agent, request_id, details, prev_hash, hash, head_mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          tenantId,
          seq,
          randomUUID(),
          occurred,
          userId,
          action,
          targetType,
          targetId,
          'success',
          null,
          null,
          null,
          body,
          head.lastHash,
          hash,
          headMac(tenantId, seq, hash),
        ],
      );
    } catch (e) {
      if (e.errno === 1644 || e.code === 'ER_DUP_ENTRY') return null; // the trigger refused the guess
      throw e;
    }
    return { lastSeq: seq, lastHash: hash };
  };
  const guessing = !appending.has(tenantId);
  appending.set(tenantId, (appending.get(tenantId) ?? 0) + 1);
  try {
    const guess = guessing ? knownHeads.get(tenantId) : undefined;
    let next = guess ? await append(guess) : null;
    if (!next) {
      const [row] = await q(
        conn,
        'SELECT last_seq, last_hash FROM audit_chain_heads WHERE tenant_id = ? FOR UPDATE',
        [tenantId],
      );
      next = await append({ lastSeq: Number(row.last_seq), lastHash: row.last_hash });
      if (!next) throw new Error('The audit chain head moved under its lock.');
    }
    knownHeads.set(tenantId, next);
  } finally {
    const left = appending.get(tenantId) - 1;
    if (left) appending.set(tenantId, left);
    else appending.delete(tenantId);
  }
}

/** Guardians of these students who consented to `purpose`, with the students' names: one statement, as the API reads them. */
async function noticeRecipients(conn, tenantId, studentIds, purpose) {
  if (studentIds.length === 0) return [];
  return q(
    conn,
    'SELECT l.student_id, s.first_name, s.last_name, c.guardian_id, c.channel FROM student_guardians l JOIN students s ON s.tenant_id = ? AND s.id = l.student_id JOIN notification_consents c ON c.tenant_id = ? AND c.guardian_id = l.guardian_id AND c.purpose = ? AND c.granted = 1 WHERE l.tenant_id = ? AND l.student_id IN (?) ORDER BY l.student_id ASC, l.guardian_id ASC, c.channel ASC',
    [tenantId, tenantId, purpose, tenantId, studentIds],
  );
}

/** The tenant's data key, read once and kept, as the API's key cache keeps it. */
const dataKeys = new Map();
async function dataKey(tenantId) {
  if (!dataKeys.has(tenantId)) {
    const [row] = await q(
      pool,
      'SELECT tenant_id, version, wrapped_key, status, created_at FROM tenant_data_keys WHERE version = ? AND tenant_id = ? LIMIT 1',
      [1, tenantId],
    );
    dataKeys.set(tenantId, row);
  }
  return dataKeys.get(tenantId);
}

async function transaction(fn) {
  const conn = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    const out = await fn(conn);
    await conn.query('COMMIT');
    return out;
  } catch (e) {
    await conn.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    conn.release();
  }
}

const uuid = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' };
const studentOut = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    admissionNo: { type: 'string' },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    dateOfBirth: { type: 'string' },
    gender: { type: 'string' },
    status: { type: 'string' },
    sectionId: { type: ['string', 'null'] },
    rollNo: { type: ['integer', 'null'] },
    guardians: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          fullName: { type: 'string' },
          relationship: { type: 'string' },
        },
      },
    },
  },
};

app.get('/ready', async () => ({ ok: true }));

app.get(
  '/api/v1/students/:id',
  {
    schema: {
      params: { type: 'object', properties: { id: uuid }, required: ['id'] },
      response: { 200: studentOut },
    },
    preHandler: auth,
  },
  async (request, reply) => {
    const { tenantId } = request;
    const t = await tenant(tenantId);
    const [s] = await q(
      pool,
      "SELECT s.id, s.admission_no, s.first_name, s.last_name, s.name_search, s.date_of_birth, s.gender, s.admission_date, s.status, s.national_id_enc, s.medical_notes_enc, s.address_enc, s.user_id, e.section_id, e.roll_no FROM students s LEFT JOIN enrolments e ON e.tenant_id = ? AND e.academic_year_id = ? AND e.student_id = s.id AND e.status = 'active' WHERE s.tenant_id = ? AND s.id = ? ORDER BY e.id ASC LIMIT 1",
      [tenantId, t.year.id, tenantId, request.params.id],
    );
    if (!s) return reply.code(404).send({ error: { code: 'NOT_FOUND' } });
    const guardians = await q(
      pool,
      'SELECT g.id, g.full_name, g.phone_enc, g.email_enc, g.user_id, l.relationship, l.is_primary FROM student_guardians l JOIN guardians g ON g.tenant_id = ? AND g.id = l.guardian_id WHERE l.tenant_id = ? AND l.student_id = ?',
      [tenantId, tenantId, s.id],
    );
    // the API reads the tenant's data key (once; it keeps it) to decrypt the guardians' phones
    await dataKey(tenantId);
    return {
      id: s.id,
      admissionNo: s.admission_no,
      firstName: s.first_name,
      lastName: s.last_name,
      dateOfBirth: s.date_of_birth,
      gender: s.gender,
      status: s.status,
      sectionId: s.section_id ?? null,
      rollNo: s.roll_no ?? null,
      guardians: guardians.map((g) => ({ id: g.id, fullName: g.full_name, relationship: g.relationship })),
    };
  },
);

app.get(
  '/api/v1/students',
  {
    schema: {
      querystring: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          cursor: { type: 'string', maxLength: 200 },
        },
        additionalProperties: false,
      },
      response: {
        200: {
          type: 'object',
          properties: {
            items: { type: 'array', items: studentOut },
            nextCursor: { type: ['string', 'null'] },
          },
        },
      },
    },
    preHandler: auth,
  },
  async (request) => {
    const { tenantId } = request;
    const t = await tenant(tenantId);
    const limit = request.query.limit;
    const rows = await q(
      pool,
      "SELECT s.id, s.admission_no, s.first_name, s.last_name, s.name_search, s.date_of_birth, s.gender, s.admission_date, s.status, e.section_id, e.roll_no FROM students s LEFT JOIN enrolments e ON e.tenant_id = ? AND e.academic_year_id = ? AND e.student_id = s.id AND e.status = 'active' WHERE s.tenant_id = ? ORDER BY s.name_search ASC, s.id ASC LIMIT ?",
      [tenantId, t.year.id, tenantId, limit + 1],
    );
    const items = rows.slice(0, limit).map((s) => ({
      id: s.id,
      admissionNo: s.admission_no,
      firstName: s.first_name,
      lastName: s.last_name,
      dateOfBirth: s.date_of_birth,
      gender: s.gender,
      status: s.status,
      sectionId: s.section_id,
      rollNo: s.roll_no,
    }));
    return {
      items,
      nextCursor: rows.length > limit ? `${rows[limit - 1].name_search}|${rows[limit - 1].id}` : null,
    };
  },
);

const STATUSES = ['present', 'absent', 'late', 'excused', 'half_day'];
app.put(
  '/api/v1/attendance/sections/:sectionId/days/:date',
  {
    schema: {
      params: {
        type: 'object',
        properties: { sectionId: uuid, date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
        required: ['sectionId', 'date'],
      },
      body: {
        type: 'object',
        required: ['marks'],
        additionalProperties: false,
        properties: {
          marks: {
            type: 'array',
            maxItems: 500,
            items: {
              type: 'object',
              required: ['studentId', 'status'],
              additionalProperties: false,
              properties: {
                studentId: uuid,
                status: { enum: STATUSES },
                note: { type: ['string', 'null'], maxLength: 200 },
              },
            },
          },
        },
      },
      response: {
        200: { type: 'object', properties: { saved: { type: 'integer' }, absent: { type: 'integer' } } },
      },
    },
    preHandler: auth,
  },
  async (request, reply) => {
    const { tenantId, userId } = request;
    const { sectionId, date } = request.params;
    const t = await tenant(tenantId);
    const enrolled = new Set(
      (
        await q(
          pool,
          "SELECT student_id FROM enrolments WHERE tenant_id = ? AND academic_year_id = ? AND section_id = ? AND status = 'active'",
          [tenantId, t.year.id, sectionId],
        )
      ).map((r) => r.student_id),
    );
    const marks = request.body.marks;
    if (marks.some((m) => !enrolled.has(m.studentId)))
      return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'marks' }] } });
    const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
    return transaction(async (conn) => {
      // As the API (RegisterService.lockedDayMarks): once this process has seen the day's summary row, one
      // locking read of it joined to the marks; otherwise the row is touched (its lock) and the marks read.
      const day = `${tenantId}|${sectionId}|${date}`;
      let before = null;
      if (knownDays.has(day)) {
        const rows = await q(
          conn,
          'SELECT d.section_id AS day, m.id, m.student_id, m.status, m.note, m.section_id FROM attendance_day_summaries d LEFT JOIN attendance_marks m ON m.tenant_id = d.tenant_id AND m.section_id = d.section_id AND m.date = d.date AND m.period = d.period WHERE d.tenant_id = ? AND d.date = ? AND d.section_id = ? AND d.period = ? FOR UPDATE',
          [tenantId, date, sectionId, 0],
        );
        if (rows.length) before = rows.filter((r) => r.id !== null);
      }
      if (!before) {
        await q(
          conn,
          'INSERT INTO attendance_day_summaries (tenant_id, date, section_id, period) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE total = total',
          [tenantId, date, sectionId, 0],
        );
        knownDays.add(day);
        before = await q(
          conn,
          'SELECT id, student_id, status, note, section_id FROM attendance_marks WHERE tenant_id = ? AND section_id = ? AND date = ? AND period = ?',
          [tenantId, sectionId, date, 0],
        );
      }
      const was = new Map(before.map((r) => [r.student_id, r]));
      // Only the marks that change are written; a register saved unchanged writes nothing (as the API).
      const changes = marks.filter((m) => {
        const e = was.get(m.studentId);
        return (
          !e || e.status !== m.status || (e.note ?? null) !== (m.note ?? null) || e.section_id !== sectionId
        );
      });
      const after = new Map(before.map((r) => [r.student_id, r.status]));
      for (const m of marks) after.set(m.studentId, m.status);
      const statuses = [...after.values()];
      const count = (s) => statuses.filter((x) => x === s).length;
      if (changes.length === 0) return { saved: 0, absent: count('absent') };
      const values = [];
      for (const m of changes)
        values.push(
          tenantId,
          was.get(m.studentId)?.id ?? randomUUID(),
          m.studentId,
          date,
          0,
          null,
          sectionId,
          m.status,
          m.note ?? null,
          'register',
          userId,
          now,
        );
      await q(
        conn,
        `INSERT INTO attendance_marks (tenant_id, id, student_id, date, period, subject_id, section_id, status, note, source, marked_by, updated_at) VALUES ${changes.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ON DUPLICATE KEY UPDATE subject_id = VALUES(subject_id), section_id = VALUES(section_id), status = VALUES(status), note = VALUES(note), source = VALUES(source), marked_by = VALUES(marked_by), updated_at = VALUES(updated_at)`,
        values,
      );
      await q(
        conn,
        'INSERT INTO attendance_day_summaries (tenant_id, date, section_id, period, present, absent, late, excused, half_day, total, marked_by, marked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE present = VALUES(present), absent = VALUES(absent), late = VALUES(late), excused = VALUES(excused), half_day = VALUES(half_day), total = VALUES(total), marked_by = VALUES(marked_by), marked_at = VALUES(marked_at)',
        [
          tenantId,
          date,
          sectionId,
          0,
          count('present'),
          count('absent'),
          count('late'),
          count('excused'),
          count('half_day'),
          statuses.length,
          userId,
          now,
        ],
      );
      const newlyAbsent = changes.filter(
        (m) => m.status === 'absent' && was.get(m.studentId)?.status !== 'absent',
      );
      await noticeRecipients(
        conn,
        tenantId,
        newlyAbsent.map((m) => m.studentId),
        'attendance',
      );
      await audit(conn, tenantId, userId, 'attendance.mark', 'section', sectionId, {
        date,
        marks: changes.length,
      });
      return { saved: changes.length, absent: count('absent') };
    });
  },
);

app.post(
  '/api/v1/fees/students/:studentId/payments',
  {
    schema: {
      params: { type: 'object', properties: { studentId: uuid }, required: ['studentId'] },
      headers: {
        type: 'object',
        properties: { 'idempotency-key': { type: 'string', pattern: '^[\\x21-\\x7e]{1,100}$' } },
      },
      body: {
        type: 'object',
        required: ['amount', 'method'],
        additionalProperties: false,
        properties: {
          amount: { type: 'integer', minimum: 1, maximum: 100_000_000_00 },
          method: { enum: ['cash', 'upi', 'card', 'bank_transfer', 'cheque', 'dd'] },
          reference: { type: ['string', 'null'], maxLength: 100 },
        },
      },
      response: {
        201: {
          type: 'object',
          properties: { id: { type: 'string' }, receiptNo: { type: 'string' }, amount: { type: 'integer' } },
        },
      },
    },
    preHandler: auth,
  },
  async (request, reply) => {
    const { tenantId, userId } = request;
    const { studentId } = request.params;
    const { amount, method, reference } = request.body;
    const idem = request.headers['idempotency-key'] ?? null;
    const t = await tenant(tenantId);
    const hash = createHash('sha256')
      .update(JSON.stringify([studentId, amount, method, reference ?? null]))
      .digest('hex');
    const day = today(t.timeZone);
    const id = randomUUID();
    // The API's statements: the student's fee account (its lock), what is due by invoice and head, the
    // receipt number, the payment, its ledger entries, every invoice's outstanding in one UPDATE, the audit
    // event, the receipt notice's recipients. A repeated idempotency key is caught by its unique index.
    const receiptNo = await transaction(async (conn) => {
      await q(
        conn,
        'INSERT INTO fee_accounts (tenant_id, student_id, movements) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE movements = movements + 1',
        [tenantId, studentId],
      );
      const due = await q(
        conn,
        'SELECT i.id AS invoice_id, i.due_date, e.head_id, SUM(e.amount) AS outstanding, MIN(e.id) AS first_entry FROM fee_invoices i JOIN fee_ledger_entries e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id WHERE i.tenant_id = ? AND i.student_id = ? GROUP BY i.id, i.due_date, i.created_at, e.head_id ORDER BY i.due_date ASC, i.created_at ASC, i.id ASC, first_entry ASC',
        [tenantId, studentId],
      );
      // Oldest first, head by head, as the API allocates.
      const parts = [];
      let left = amount;
      for (const d of due) {
        const take = Math.min(left, Number(d.outstanding));
        if (take <= 0) continue;
        parts.push({ invoiceId: d.invoice_id, headId: d.head_id, amount: take });
        left -= take;
        if (left === 0) break;
      }
      if (left > 0) throw new HttpError(422, 'OVERPAYMENT');
      const [counter] = await conn.query(
        'INSERT INTO fee_receipt_counters (tenant_id, academic_year_id, last_seq) VALUES (?, ?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + 1)',
        [tenantId, t.year.id],
      );
      const seq = Number(counter.insertId);
      const no = `${t.year.name}/${String(seq).padStart(5, '0')}`;
      const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
      await q(
        conn,
        'INSERT INTO fee_payments (tenant_id, id, student_id, academic_year_id, amount, currency, method, reference, instrument_no, instrument_bank, instrument_date, paid_on, receipt_seq, receipt_no, status, idempotency_key, request_hash, received_by, reversed_at, reversed_by, reversal_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          tenantId,
          id,
          studentId,
          t.year.id,
          amount,
          t.currency,
          method,
          reference ?? null,
          null,
          null,
          null,
          day,
          seq,
          no,
          'completed',
          idem,
          hash,
          userId,
          null,
          null,
          null,
          now,
          now,
        ],
      );
      await q(
        conn,
        `INSERT INTO fee_ledger_entries (tenant_id, id, student_id, invoice_id, head_id, kind, amount, payment_id, reverses_entry_id, memo, entry_date, created_by) VALUES ${parts.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        parts.flatMap((p) => [
          tenantId,
          randomUUID(),
          studentId,
          p.invoiceId,
          p.headId,
          'payment',
          -p.amount,
          id,
          null,
          null,
          day,
          userId,
        ]),
      );
      const byInvoice = new Map();
      for (const p of parts) byInvoice.set(p.invoiceId, (byInvoice.get(p.invoiceId) ?? 0) + p.amount);
      await q(
        conn,
        `UPDATE fee_invoices SET outstanding = outstanding + CASE WHEN tenant_id = ? THEN (CASE id ${[...byInvoice.keys()].map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END) ELSE 0 END WHERE tenant_id = ? AND id IN (?)`,
        [
          tenantId,
          ...[...byInvoice].flatMap(([invoiceId, paid]) => [invoiceId, -paid]),
          tenantId,
          [...byInvoice.keys()],
        ],
      );
      await audit(conn, tenantId, userId, 'fees.payment.record', 'fee_payment', id, {
        studentId,
        amount,
        receiptNo: no,
      });
      await noticeRecipients(conn, tenantId, [studentId], 'fees');
      return no;
    });
    return reply.code(201).send({ id, receiptNo, amount });
  },
);

app.get(
  '/api/v1/dashboard/teacher',
  {
    schema: {
      response: {
        200: {
          type: 'object',
          properties: {
            date: { type: 'string' },
            sections: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  sectionId: { type: 'string' },
                  name: { type: 'string' },
                  marked: { type: 'boolean' },
                  present: { type: 'integer' },
                  absent: { type: 'integer' },
                  total: { type: 'integer' },
                },
              },
            },
            timetable: {
              type: 'object',
              properties: {
                date: { type: 'string' },
                weekday: { type: 'integer' },
                periods: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      period: { type: 'integer' },
                      sectionId: { type: 'string' },
                      subjectName: { type: ['string', 'null'] },
                      start: { type: ['string', 'null'] },
                      end: { type: ['string', 'null'] },
                      coveredBy: { type: ['string', 'null'] },
                    },
                  },
                },
              },
            },
            pendingLeave: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  studentId: { type: 'string' },
                  fromDate: { type: 'string' },
                  toDate: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
    preHandler: auth,
  },
  async (request) => {
    const { tenantId, userId } = request;
    const t = await tenant(tenantId);
    const date = today(t.timeZone);
    const { sections } = await teacherOf(tenantId, userId, t.year.id);
    const summaries = await q(
      pool,
      'SELECT section_id, present, absent, late, excused, half_day, total FROM attendance_day_summaries WHERE tenant_id = ? AND date = ? AND period = ?',
      [tenantId, date, 0],
    );
    const ids = sections.map((s) => s.id);
    const enrolments = ids.length
      ? await q(
          pool,
          'SELECT tenant_id, id, student_id, academic_year_id, section_id, roll_no, status FROM enrolments WHERE academic_year_id = ? AND section_id IN (?) AND status = ? AND tenant_id = ?',
          [t.year.id, ids, 'active', tenantId],
        )
      : [];
    const mine = new Set(enrolments.map((e) => e.student_id));
    const studentIds = [...mine];
    let leave = [];
    if (studentIds.length) {
      await q(
        pool,
        'SELECT id, first_name, last_name, admission_no FROM students WHERE tenant_id = ? AND id IN (?)',
        [tenantId, studentIds],
      );
      leave = await q(
        pool,
        'SELECT tenant_id, id, student_id, from_date, to_date, reason, status, requested_by, decided_by, decided_at, decision_note, created_at FROM leave_requests WHERE student_id IN (?) AND status = ? AND tenant_id = ? ORDER BY from_date DESC, id DESC LIMIT 100',
        [studentIds, 'pending', tenantId],
      );
    }
    // the teacher's timetable for the day (the card's "my day"): the lessons of the year's weekday, the
    // substitutions they cover and the ones covering them, the bell, the subject names
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const substitutionCols =
      'tenant_id, id, date, period, section_id, subject_id, absent_teacher_user_id, substitute_user_id, confirmed_by, confirmed_at';
    const [lessons, covering, coveredFor, bell, subjects] = await Promise.all([
      q(
        pool,
        'SELECT tenant_id, id, academic_year_id, section_id, weekday, period, subject_id, teacher_user_id, room FROM timetable_entries WHERE academic_year_id = ? AND weekday = ? AND tenant_id = ? ORDER BY period ASC',
        [t.year.id, weekday, tenantId],
      ),
      q(
        pool,
        `SELECT ${substitutionCols} FROM timetable_substitutions WHERE substitute_user_id = ? AND date = ? AND tenant_id = ? ORDER BY period ASC`,
        [userId, date, tenantId],
      ),
      q(
        pool,
        `SELECT ${substitutionCols} FROM timetable_substitutions WHERE absent_teacher_user_id = ? AND date = ? AND tenant_id = ? ORDER BY period ASC`,
        [userId, date, tenantId],
      ),
      q(
        pool,
        'SELECT tenant_id, weekday, slot, kind, period, label, starts_at, ends_at FROM timetable_bell_slots WHERE tenant_id = ? ORDER BY weekday ASC, slot ASC',
        [tenantId],
      ),
      q(pool, 'SELECT tenant_id, id, code, name FROM subjects WHERE tenant_id = ? ORDER BY code ASC', [
        tenantId,
      ]),
    ]);
    const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
    const periods = [...lessons.filter((l) => l.teacher_user_id === userId), ...covering]
      .sort((a, b) => a.period - b.period)
      .map((p) => {
        const slot = bell.find((b) => b.weekday === weekday && b.period === p.period);
        return {
          period: p.period,
          sectionId: p.section_id,
          subjectName: subjectName.get(p.subject_id) ?? null,
          start: slot?.starts_at ?? null,
          end: slot?.ends_at ?? null,
          coveredBy:
            coveredFor.find((c) => c.section_id === p.section_id && c.period === p.period)
              ?.substitute_user_id ?? null,
        };
      });
    const bySection = new Map(summaries.map((s) => [s.section_id, s]));
    return {
      date,
      timetable: { date, weekday, periods },
      sections: sections.map((s) => {
        const sum = bySection.get(s.id);
        return {
          sectionId: s.id,
          name: s.name,
          marked: !!sum?.total,
          present: sum?.present ?? 0,
          absent: sum?.absent ?? 0,
          total: sum?.total ?? 0,
        };
      }),
      pendingLeave: leave.map((l) => ({
        id: l.id,
        studentId: l.student_id,
        fromDate: l.from_date,
        toDate: l.to_date,
      })),
    };
  },
);

app.setErrorHandler((error, _request, reply) => {
  const status = error.statusCode ?? 500;
  if (status >= 500) process.stderr.write(`bare: ${error.stack}\n`);
  reply.code(status).send({ error: { code: error.validation ? 'VALIDATION_FAILED' : error.message } });
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
