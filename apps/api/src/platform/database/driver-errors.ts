interface DriverErrorLike {
  code?: unknown;
  errno?: unknown;
  fatal?: unknown;
  message?: unknown;
  sql?: unknown;
  query?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * The error and what it wraps: TypeORM's QueryFailedError keeps the driver's error in `driverError`;
 * Node's AggregateError (a connection tried on every address) keeps its attempts in `errors`.
 */
function chainOf(error: unknown): DriverErrorLike[] {
  const chain: DriverErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && chain.length < 8) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || chain.includes(e as DriverErrorLike)) continue;
    const like = e as DriverErrorLike;
    chain.push(like);
    queue.push(like.driverError, like.cause, ...(Array.isArray(like.errors) ? like.errors : []));
  }
  return chain;
}

function codesOf(error: unknown): string[] {
  return chainOf(error)
    .map((e) => e.code)
    .filter((c): c is string => typeof c === 'string' && c !== '');
}

/** The driver's error code, whether TypeORM wrapped the error (QueryFailedError.driverError) or not. */
function codeOf(error: unknown): string {
  return codesOf(error)[0] ?? '';
}

function messageOf(error: unknown): string {
  return chainOf(error)
    .map((e) => (typeof e.message === 'string' ? e.message : ''))
    .join('\n');
}

/** The statement that failed, when TypeORM wrapped the error (it keeps it in `query`). */
function statementOf(error: unknown): string {
  for (const e of chainOf(error)) {
    if (typeof e.query === 'string') return e.query;
    if (typeof e.sql === 'string') return e.sql;
  }
  return '';
}

/** Network-level failures: the server is gone, refuses, or the connection broke. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_CONNECTION_KILLED',
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'POOL_CLOSED',
  // SQLite: the file cannot be read or written (disk gone, disk full).
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
  'SQLITE_IOERR',
]);

/** Waits that ran out: a statement, a connection from the pool, a handshake, a lock. */
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_ACQUIRE_TIMEOUT',
  'ER_LOCK_WAIT_TIMEOUT',
  // MariaDB max_statement_time, MySQL max_execution_time.
  'ER_STATEMENT_TIMEOUT',
  'ER_QUERY_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

const CLOSED_CONNECTION_MESSAGES = [
  "Can't add new command when connection is in closed state",
  "Can't write in closed state",
  'Pool is closed.',
  'Connection lost: The server closed the connection.',
  // A Galera node outside the primary component (quorum lost, or still joining) refuses every statement
  // with ER_UNKNOWN_COM_ERROR (1047) until it rejoins: unavailable for now, not a bug in the request.
  'WSREP has not yet prepared node for application use',
];

/** A code of SQLite's extended family (SQLITE_BUSY_SNAPSHOT is a SQLITE_BUSY). */
function inFamily(code: string, family: ReadonlySet<string>): boolean {
  if (family.has(code)) return true;
  const base = /^(SQLITE_[A-Z]+)_/.exec(code)?.[1];
  return base !== undefined && family.has(base);
}

/**
 * The database cannot be reached or the connection broke: refused, reset, lost, DNS, too many
 * connections, the server shutting down, or a connection mysql2 already marked unusable (`fatal`).
 */
export function isConnectionFailure(error: unknown): boolean {
  if (codesOf(error).some((code) => inFamily(code, CONNECTION_CODES))) return true;
  const chain = chainOf(error);
  if (chain.some((e) => e.fatal === true && !TIMEOUT_CODES.has(String(e.code)))) return true;
  const message = messageOf(error);
  return CLOSED_CONNECTION_MESSAGES.some((m) => message.includes(m));
}

/** A wait on the database ran out: a statement, the pool, a handshake, a row lock, a locked SQLite file. */
export function isTimeout(error: unknown): boolean {
  return codesOf(error).some((code) => inFamily(code, TIMEOUT_CODES));
}

/** Either of the above: the database is unavailable for now and the request may be retried. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return isConnectionFailure(error) || isTimeout(error);
}

/** A unique or primary key refused the row (MySQL/MariaDB or SQLite): someone else wrote it first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  if (code === 'ER_DUP_ENTRY') return true;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return code === 'SQLITE_CONSTRAINT' && /UNIQUE constraint failed/.test(messageOf(error));
}

/** A foreign key refused the statement: the referenced row is missing, or a referencing row remains. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  if (
    [
      'ER_NO_REFERENCED_ROW',
      'ER_NO_REFERENCED_ROW_2',
      'ER_ROW_IS_REFERENCED',
      'ER_ROW_IS_REFERENCED_2',
    ].includes(code)
  )
    return true;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true;
  return code === 'SQLITE_CONSTRAINT' && /FOREIGN KEY constraint failed/.test(messageOf(error));
}

/**
 * A trigger refused the statement with this message: SIGNAL SQLSTATE '45000' on MySQL/MariaDB, RAISE(ABORT)
 * on SQLite. Only the statement is undone; the transaction goes on.
 */
export function isTriggerRefusal(error: unknown, message: string): boolean {
  const code = codeOf(error);
  if (code !== 'ER_SIGNAL_EXCEPTION' && code !== 'SQLITE_CONSTRAINT_TRIGGER') return false;
  return messageOf(error).includes(message);
}

/** The database chose this transaction as a deadlock victim; running it again usually succeeds. */
export function isDeadlock(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_ABORTED';
}

export interface ConstraintFacts {
  /** Whether the statement deleted (or re-keyed) a row others still reference, rather than pointing at a missing one. */
  referenced: boolean;
  /** camelCase names of the columns involved, without tenant_id, when the driver or the statement tells. */
  fields: string[];
}

function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function columnList(list: string): string[] {
  return list
    .split(',')
    .map((c) => c.trim().replace(/^[`"[]|[`"\]]$/g, ''))
    .map((c) => c.replace(/^.*\./, ''))
    .filter((c) => c !== '' && c !== 'tenant_id');
}

/** The `*_id` columns an UPDATE sets: on SQLite the only hint of which reference failed. */
function updatedReferenceColumns(statement: string): string[] {
  const set = /^\s*UPDATE\s+\S+\s+SET\s+([\s\S]*?)(?:\bWHERE\b|$)/i.exec(statement)?.[1];
  if (!set) return [];
  const columns = [...set.matchAll(/[`"]?(\w+)[`"]?\s*=/g)].map((m) => m[1]!);
  return columns.filter((c) => c.endsWith('_id') && c !== 'tenant_id');
}

/**
 * What a foreign-key violation says about the columns involved. MySQL and MariaDB name them in the
 * message (`FOREIGN KEY (`tenant_id`, `user_id`) REFERENCES ...`); SQLite does not, so for an UPDATE
 * that sets exactly one `*_id` column that column is named; otherwise no field.
 */
export function foreignKeyFacts(error: unknown): ConstraintFacts {
  const code = codeOf(error);
  const message = messageOf(error);
  const statement = statementOf(error);
  const referenced =
    code.startsWith('ER_ROW_IS_REFERENCED') ||
    (code.startsWith('SQLITE_CONSTRAINT') && /^\s*DELETE\b/i.test(statement)) ||
    /Cannot delete or update a parent row/.test(message);
  const named = /FOREIGN KEY \(([^)]*)\)/.exec(message)?.[1];
  if (named) return { referenced, fields: columnList(named).map(camel) };
  if (referenced) return { referenced, fields: [] };
  const candidates = updatedReferenceColumns(statement);
  return { referenced, fields: candidates.length === 1 ? candidates.map(camel) : [] };
}

/**
 * The columns a unique violation names. SQLite lists them (`UNIQUE constraint failed: students.tenant_id,
 * students.admission_no`); MySQL and MariaDB name the key (`for key 'uq_students_admission_no'`), whose
 * name here is `uq_<table>_<what>`: `<what>` is named, as the `<what>_id` column when the statement has one.
 */
export function uniqueViolationFacts(error: unknown): ConstraintFacts {
  const message = messageOf(error);
  const sqlite = /UNIQUE constraint failed: ([^\n]+)/.exec(message)?.[1];
  if (sqlite) return { referenced: false, fields: columnList(sqlite).map(camel) };
  const key = /for key '(?:[^'.]+\.)?([^']+)'/.exec(message)?.[1];
  if (!key || key === 'PRIMARY') return { referenced: false, fields: [] };
  const statement = statementOf(error);
  const table = /^\s*(?:INSERT\s+(?:IGNORE\s+)?INTO|UPDATE|REPLACE\s+INTO)\s+[`"]?(\w+)[`"]?/i.exec(
    statement,
  )?.[1];
  let what = key.replace(/^uq_/, '');
  if (table && what.startsWith(`${table}_`)) what = what.slice(table.length + 1);
  if (new RegExp(`[\`"]${what}_id[\`"]`).test(statement)) what = `${what}_id`;
  return { referenced: false, fields: [camel(what)] };
}
