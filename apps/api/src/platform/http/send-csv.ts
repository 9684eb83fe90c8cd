import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { csvLines, csvText } from './csv';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** A file download: sent as an attachment named `filename`. */
export interface Download {
  filename: string;
  contentType: string;
  /** A string is sent whole; an async iterable is streamed as it is produced. */
  body: string | AsyncIterable<string>;
  /** Adds `cache-control: no-store` (exports of personal data and the audit log). */
  noStore?: boolean;
}

/** A CSV export; every cell goes through `csvCell` (formula neutralisation, APP-03). */
export interface CsvFile {
  filename: string;
  header: readonly unknown[];
  /** An array (or other iterable) is sent whole; an async iterable is streamed row by row. */
  rows: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>;
  noStore?: boolean;
}

export async function sendDownload(reply: FastifyReply, file: Download): Promise<void> {
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`);
  if (file.noStore) reply.header('cache-control', 'no-store');
  await reply.send(typeof file.body === 'string' ? file.body : Readable.from(file.body));
}

export function sendCsv(reply: FastifyReply, file: CsvFile): Promise<void> {
  const { rows } = file;
  return sendDownload(reply, {
    filename: file.filename,
    contentType: CSV_CONTENT_TYPE,
    body: Symbol.asyncIterator in rows ? csvLines(file.header, rows) : csvText(file.header, rows),
    noStore: file.noStore,
  });
}
