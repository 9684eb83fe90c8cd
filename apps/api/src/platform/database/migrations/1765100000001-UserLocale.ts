import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { varchar } from '../migration-helpers';

/** The language each user reads the web app in ('en' or 'hi'), remembered across devices (issue 14). */
export class UserLocale1765100000001 implements MigrationInterface {
  name = 'UserLocale1765100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn(varchar('locale', 8, false, 'en')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'locale');
  }
}
