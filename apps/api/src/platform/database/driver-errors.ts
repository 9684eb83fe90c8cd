/** The driver's error code, whether TypeORM wrapped the error (QueryFailedError.driverError) or not. */
function codeOf(error: unknown): string {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  return String(e?.driverError?.code ?? e?.code ?? '');
}

/** A unique or primary key refused the row (MySQL/MariaDB or SQLite): someone else wrote it first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}
