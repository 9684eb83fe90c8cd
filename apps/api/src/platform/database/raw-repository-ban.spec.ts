import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', '..');
const ALLOWED_DIR = join(SRC, 'platform', 'database') + sep;
const BANNED = [
  { pattern: /@InjectRepository\s*\(/, why: 'raw TypeORM repository injection' },
  { pattern: /\.getRepository\s*\(/, why: 'getRepository()' },
  { pattern: /\.withRepository\s*\(/, why: 'withRepository()' },
  {
    pattern:
      /\bmanager\.(find|findOne|findOneBy|findBy|count|countBy|update|delete|insert|save|remove|upsert|createQueryBuilder)\s*\(/,
    why: 'EntityManager used as a repository',
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** TEN-03: outside platform/database no code reaches a table except through the scoped repositories. */
describe('raw repository ban', () => {
  it('[TEN-03] finds no raw repository or entity-manager access outside platform/database', () => {
    const offences = sourceFiles(SRC)
      .filter((file) => !file.startsWith(ALLOWED_DIR))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return BANNED.filter((b) => b.pattern.test(text)).map((b) => `${relative(SRC, file)}: ${b.why}`);
      });
    expect(offences).toEqual([]);
  });

  it('[TEN-03] would catch a module that injects a raw repository', () => {
    const sample = 'constructor(@InjectRepository(User) private readonly users: Repository<User>) {}';
    expect(BANNED.some((b) => b.pattern.test(sample))).toBe(true);
    expect(BANNED.some((b) => b.pattern.test('this.db.manager.find(User, {})'))).toBe(true);
  });
});
