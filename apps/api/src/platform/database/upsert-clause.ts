/**
 * The tail of a hand-written `INSERT ... VALUES (...)` that turns it into an upsert, in the dialect's words:
 * `ON DUPLICATE KEY UPDATE ...` on MySQL/MariaDB (which finds the conflict through the table's unique keys,
 * so `conflictColumns` is not spelled out), `ON CONFLICT (...) DO UPDATE SET ...` on SQLite.
 *
 * `updates` is either a list of columns that take the incoming row's value (`c = VALUES(c)` /
 * `c = excluded.c`) or a map of column to an expression over the existing row (`{ total: 'total' }`,
 * `{ movements: 'movements + 1' }`), written the same way in both dialects. Column names and expressions
 * are SQL text: pass only constants, never input.
 */
export function upsertClause(
  dialect: 'sqlite' | 'mysql',
  conflictColumns: readonly string[],
  updates: readonly string[] | Readonly<Record<string, string>>,
): string {
  const assignments = isColumnList(updates)
    ? updates.map((c) => `${c} = ${dialect === 'mysql' ? `VALUES(${c})` : `excluded.${c}`}`)
    : Object.entries(updates).map(([c, expression]) => `${c} = ${expression}`);
  if (conflictColumns.length === 0 || assignments.length === 0)
    throw new Error('An upsert clause needs conflict columns and at least one column to update.');
  return dialect === 'mysql'
    ? `ON DUPLICATE KEY UPDATE ${assignments.join(', ')}`
    : `ON CONFLICT (${conflictColumns.join(', ')}) DO UPDATE SET ${assignments.join(', ')}`;
}

function isColumnList(
  updates: readonly string[] | Readonly<Record<string, string>>,
): updates is readonly string[] {
  return Array.isArray(updates);
}
