/**
 * bigint columns come back from mysql2 (and sometimes better-sqlite3) as strings; values we keep there
 * (money in paise, sequence numbers, TOTP steps) stay far below 2^53, so they are read as numbers.
 */
export const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };
