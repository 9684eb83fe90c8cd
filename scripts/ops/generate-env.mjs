#!/usr/bin/env node
// Writes docker/.env from docker/.env.example with a fresh random value for every REPLACE_ME:
// 32 random bytes as base64 for the *_KEY variables that must be 32 bytes (field encryption, backups),
// 32 random bytes as hex for everything else (URL-safe, so passwords can go into DATABASE_URL).
//
//   node scripts/ops/generate-env.mjs [--out docker/.env] [--public-url https://erp.school.example]
// Never overwrites an existing file.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OpsError, root, runMain } from './common.mjs';

export const BASE64_KEYS = new Set(['FIELD_ENCRYPTION_MASTER_KEY', 'BACKUP_ENCRYPTION_KEY']);

/** The example text with every `NAME=REPLACE_ME` line given a fresh secret. */
export function fillSecrets(example, overrides = {}) {
  return example
    .split('\n')
    .map((line) => {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
      if (!m) return line;
      const [, name, value] = m;
      if (overrides[name] !== undefined) return `${name}=${overrides[name]}`;
      if (value !== 'REPLACE_ME') return line;
      return `${name}=${randomBytes(32).toString(BASE64_KEYS.has(name) ? 'base64' : 'hex')}`;
    })
    .join('\n');
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'public-url': { type: 'string' } } });
  const out = resolve(values.out ?? join(root, 'docker', '.env'));
  if (existsSync(out)) throw new OpsError(`${out} already exists; not overwriting it`);
  const example = readFileSync(join(root, 'docker', '.env.example'), 'utf8');
  const text = fillSecrets(example, values['public-url'] ? { PUBLIC_URL: values['public-url'] } : {});
  writeFileSync(out, text, { mode: 0o600, flag: 'wx' });
  process.stdout.write(
    `wrote ${out} (mode 0600) with fresh secrets.\n` +
      'Next: set PUBLIC_URL if you did not pass --public-url, put fullchain.pem and privkey.pem in docker/certs,\n' +
      'and keep a copy of FIELD_ENCRYPTION_MASTER_KEY and BACKUP_ENCRYPTION_KEY somewhere safe off this host.\n',
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) runMain(main);
