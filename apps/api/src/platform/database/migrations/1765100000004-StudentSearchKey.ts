import { MigrationInterface, QueryRunner } from 'typeorm';

const BATCH = 500;
// eslint-disable-next-line no-misleading-character-class -- a class of combining marks, on purpose
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/g;

/** A frozen copy of students/student-search-key.ts as of this migration (a migration never changes). */
const normalise = (text: string) =>
  text.normalize('NFKD').replace(DIACRITICS, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Student search by any part of a name or admission number, accents and case ignored (issue 14): a
 * normalised students.search_key ("first last | last first | admission no") that the list matches inside,
 * and name_search (the name order's sort key) rewritten in the same normal form. Existing rows are
 * backfilled here in batches of 500, computed in JavaScript (the normalisation is Unicode NFKD, which
 * neither SQLite nor MariaDB offers in SQL). Plain ADD COLUMN, which both do in place (no SQLite table
 * rebuild under the students' foreign keys). The index (tenant_id, search_key) keeps a search to a scan
 * of the tenant's own index entries.
 */
export class StudentSearchKey1765100000004 implements MigrationInterface {
  name = 'StudentSearchKey1765100000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE students ADD COLUMN search_key varchar(500) NOT NULL DEFAULT ''`);
    let after: { tenantId: string; id: string } | null = null;
    for (;;) {
      const rows: {
        tenant_id: string;
        id: string;
        first_name: string;
        last_name: string;
        admission_no: string;
      }[] = await q.query(
        `SELECT tenant_id, id, first_name, last_name, admission_no FROM students
          WHERE tenant_id IS NOT NULL${after ? ' AND (tenant_id > ? OR (tenant_id = ? AND id > ?))' : ''}
          ORDER BY tenant_id, id LIMIT ${BATCH}`,
        after ? [after.tenantId, after.tenantId, after.id] : [],
      );
      for (const r of rows) {
        const full = normalise(`${r.first_name} ${r.last_name}`);
        const reversed = normalise(`${r.last_name} ${r.first_name}`);
        await q.query('UPDATE students SET name_search = ?, search_key = ? WHERE tenant_id = ? AND id = ?', [
          full.slice(0, 201),
          `${full} | ${reversed} | ${normalise(r.admission_no)}`.slice(0, 500),
          r.tenant_id,
          r.id,
        ]);
      }
      const last = rows[rows.length - 1];
      if (!last || rows.length < BATCH) break;
      after = { tenantId: last.tenant_id, id: last.id };
    }
    await q.query('CREATE INDEX ix_students_search ON students (tenant_id, search_key)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('students', 'ix_students_search');
    await q.query('ALTER TABLE students DROP COLUMN search_key');
  }
}
