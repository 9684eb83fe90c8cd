/**
 * APP-03: a cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return) is prefixed with
 * a single quote, then every cell is quoted RFC 4180-style.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A whole CSV file: the header line, then one line per row. */
export function csvText(header: readonly unknown[], rows: Iterable<readonly unknown[]>): string {
  let text = csvRow([...header]);
  for (const row of rows) text += csvRow([...row]);
  return text;
}

/** The same file line by line, for rows that arrive in batches (streamed exports). */
export async function* csvLines(
  header: readonly unknown[],
  rows: AsyncIterable<readonly unknown[]>,
): AsyncGenerator<string> {
  yield csvRow([...header]);
  for await (const row of rows) yield csvRow([...row]);
}
