import { TEST_DB } from './databases';

/** Prints which leg runs, so CI output shows the SQLite and MariaDB legs apart. */
export default function setup(): void {
  const target =
    TEST_DB === 'mysql'
      ? (process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/').replace(/\/\/[^@]*@/, '//***@')
      : 'embedded SQLite';
  process.stdout.write(`\n[integration] database leg: ${TEST_DB} (${target})\n`);
}
