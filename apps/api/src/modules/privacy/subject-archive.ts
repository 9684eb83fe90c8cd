import { Injectable } from '@nestjs/common';
import type { PrivacySubjectType } from '@shala/contracts';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { csvText } from '../../platform/http/csv';
import { ARCHIVE_SOURCES, type ArchiveSource, DROPPED_COLUMN, type KeySet } from './archive-sources';
import type { ArchiveWork } from './privacy-archive-jobs';
import { type RawRow, SubjectRecordsRepository } from './privacy.repository';

/** `a***@example.com`, `******3210`: enough to recognise one's own address, not enough to use it. */
export function maskAddress(value: string): string {
  if (value.includes('*')) return value; // already a mask
  const at = value.indexOf('@');
  if (at > 0) return `${value[0]}***${value.slice(at)}`;
  const digits = value.replace(/\D/g, '');
  return digits.length > 4 ? `${'*'.repeat(Math.max(digits.length - 4, 2))}${digits.slice(-4)}` : '****';
}

const ENCRYPTED = /_enc$/;

/** A cell as JSON can carry it: dates as ISO strings, buffers left out, everything else as is. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export interface ArchiveSubject {
  type: PrivacySubjectType;
  id: string;
}

/**
 * The files of an access archive (PRV-02): for each table of ARCHIVE_SOURCES, `<table>.json` and
 * `<table>.csv` with every row about the subject; encrypted columns decrypted for the requester (column
 * name without `_enc`), secrets and blind indexes left out, addresses of messages masked; then
 * `manifest.json` with the row count of each table.
 */
@Injectable()
export class SubjectArchive {
  constructor(
    private readonly records: SubjectRecordsRepository,
    private readonly crypto: FieldCrypto,
  ) {}

  work(subject: ArchiveSubject, generatedAt: Date): ArchiveWork {
    const keys: Record<Exclude<KeySet, 'any'>, Set<string>> = {
      students: new Set(subject.type === 'student' ? [subject.id] : []),
      guardians: new Set(subject.type === 'guardian' ? [subject.id] : []),
      users: new Set(subject.type === 'staff' ? [subject.id] : []),
      invoices: new Set(),
    };
    const counts: Record<string, number> = {};
    const ids = (key: KeySet): string[] =>
      key === 'any' ? [...keys.students, ...keys.guardians, ...keys.users] : [...keys[key]];
    return {
      total: ARCHIVE_SOURCES.length + 1,
      step: async (i) => {
        const source = ARCHIVE_SOURCES[i];
        if (!source)
          return [
            {
              name: 'manifest.json',
              body: JSON.stringify(
                { subject, generatedAt: generatedAt.toISOString(), tables: counts },
                null,
                2,
              ),
            },
          ];
        const raw = await this.records.rows(
          source.table,
          source.matches.map((m) => ({ column: m.column, ids: ids(m.key) })),
        );
        for (const y of source.yields ?? [])
          if (!y.yieldsFor || y.yieldsFor.includes(subject.type))
            for (const row of raw)
              if (typeof row[y.column] === 'string') keys[y.key].add(row[y.column] as string);
        const rows = await Promise.all(raw.map((row) => this.clean(source, row)));
        counts[source.table] = rows.length;
        return this.files(source.table, rows);
      },
    };
  }

  private async clean(source: ArchiveSource, row: RawRow): Promise<RawRow> {
    const out: RawRow = {};
    for (const [column, value] of Object.entries(row)) {
      if (DROPPED_COLUMN.test(column)) continue;
      if (ENCRYPTED.test(column)) {
        if (source.maskAddresses) continue; // the masked `recipient` stands for it
        const rowId = typeof row.id === 'string' ? row.id : null;
        out[column.replace(ENCRYPTED, '')] =
          rowId && typeof value === 'string'
            ? await this.crypto.decrypt({ table: source.table, column, rowId }, value)
            : null;
        continue;
      }
      out[column] =
        source.maskAddresses && column === 'recipient' && typeof value === 'string'
          ? maskAddress(value)
          : plain(value);
    }
    return out;
  }

  private files(table: string, rows: RawRow[]): { name: string; body: string }[] {
    const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return [
      { name: `${table}.json`, body: JSON.stringify(rows, null, 2) },
      {
        name: `${table}.csv`,
        body: csvText(
          header,
          rows.map((r) => header.map((h) => r[h])),
        ),
      },
    ];
  }
}
