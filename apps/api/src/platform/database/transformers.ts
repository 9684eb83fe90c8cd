/**
 * bigint columns come back from mysql2 (and sometimes better-sqlite3) as strings; values we keep there
 * (money in paise, sequence numbers, TOTP steps) stay far below 2^53, so they are read as numbers.
 */
export const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * A Date as a hand-written statement passes a datetime(3) column in UTC, the way TypeORM stores it: a Date
 * for mysql2 (timezone 'Z'), `YYYY-MM-DD HH:MM:SS.mmm` text for SQLite.
 */
export function sqlTimestamp(at: Date, dialect: 'sqlite' | 'mysql'): Date | string {
  return dialect === 'mysql' ? at : at.toISOString().replace('T', ' ').replace('Z', '');
}
