import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { csvText } from '../../../platform/http/csv';
import { FieldCrypto } from '../../../platform/security/field-crypto';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { type RawRow, TenantTablesRepository } from './tenant-tables.repository';

/** Encrypted cells: `<column>_enc`, written under the school's data key bound to (table, column, row id). */
const ENCRYPTED = /_enc$/;
/**
 * Credentials and derived look-up keys: password and token hashes, TOTP and gateway secrets, wrapped data
 * keys, blind indexes and search keys. Useless to the school and dangerous elsewhere; every row is still
 * exported, with these columns left out (the manifest names them).
 */
export const EXPORT_OMITTED_COLUMN =
  /password|secret|token_hash|totp|(^|_)bidx$|_bidx$|^wrapped_key$|^search_key$|^name_search$/;

export interface ExportManifest {
  format: 'shala-institution-export';
  version: 1;
  institution: { id: string; slug: string; name: string };
  generatedAt: string;
  tables: Record<string, { rows: number; files: Record<string, { bytes: number; sha256: string }> }>;
  omittedColumns: Record<string, string[]>;
}

export interface ExportProgress {
  (done: number, total: number): Promise<void>;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A cell as JSON carries it: dates as ISO strings, bytes as base64, big integers as numbers. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/**
 * The full export of the current tenant (PRV-03): for every tenant table of the database catalog,
 * `<table>.json` and `<table>.csv` with all of the school's rows, encrypted cells decrypted (column name
 * without `_enc`), then `manifest.json` with the row count, size and SHA-256 of each file. Runs in the
 * school's tenant context.
 */
@Injectable()
export class InstitutionExport {
  constructor(
    private readonly tables: TenantTablesRepository,
    private readonly crypto: FieldCrypto,
    private readonly context: RequestContext,
  ) {}

  /** The number of steps `build` reports: one per table and one for the manifest. */
  async steps(): Promise<number> {
    return (await this.tables.catalog()).tables.length + 1;
  }

  async build(
    institution: { id: string; slug: string; name: string },
    generatedAt: Date,
    progress: ExportProgress,
  ): Promise<{ zip: Buffer; manifest: ExportManifest }> {
    if (this.context.tenantId !== institution.id) throw new Error('export outside the school tenant');
    const { tables } = await this.tables.catalog();
    const total = tables.length + 1;
    const files: Record<string, Uint8Array> = {};
    const manifest: ExportManifest = {
      format: 'shala-institution-export',
      version: 1,
      institution,
      generatedAt: generatedAt.toISOString(),
      tables: {},
      omittedColumns: {},
    };
    for (const [i, table] of tables.entries()) {
      const raw = await this.tables.rows(table);
      const omitted = new Set<string>();
      const rows: RawRow[] = [];
      for (const row of raw) rows.push(await this.clean(table, row, omitted));
      if (omitted.size > 0) manifest.omittedColumns[table] = [...omitted].sort();
      const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      const json = Buffer.from(JSON.stringify(rows, null, 2), 'utf8');
      const csv = Buffer.from(
        csvText(
          header,
          rows.map((r) => header.map((h) => r[h])),
        ),
        'utf8',
      );
      files[`tables/${table}.json`] = json;
      files[`tables/${table}.csv`] = csv;
      manifest.tables[table] = {
        rows: rows.length,
        files: {
          [`tables/${table}.json`]: { bytes: json.length, sha256: sha256(json) },
          [`tables/${table}.csv`]: { bytes: csv.length, sha256: sha256(csv) },
        },
      };
      await progress(i + 1, total);
    }
    files['manifest.json'] = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
    const zip = Buffer.from(zipSync(files, { level: 6 }));
    await progress(total, total);
    return { zip, manifest };
  }

  private async clean(table: string, row: RawRow, omitted: Set<string>): Promise<RawRow> {
    const out: RawRow = {};
    for (const [column, value] of Object.entries(row)) {
      if (EXPORT_OMITTED_COLUMN.test(column)) {
        omitted.add(column);
        continue;
      }
      if (ENCRYPTED.test(column) && typeof value === 'string') {
        const rowId = typeof row.id === 'string' ? row.id : null;
        if (!rowId) {
          omitted.add(column);
          continue;
        }
        out[column.replace(ENCRYPTED, '')] = await this.crypto.decrypt({ table, column, rowId }, value);
        continue;
      }
      out[ENCRYPTED.test(column) ? column.replace(ENCRYPTED, '') : column] = plain(value);
    }
    return out;
  }
}
