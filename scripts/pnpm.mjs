#!/usr/bin/env node
// Runs the pnpm version pinned in package.json#packageManager: the one on PATH when it matches,
// otherwise fetched from the npm registry through npx. A fresh machine needs only Node and npm.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

export function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pinned) return { cmd: 'pnpm', pre: [] };
  return { cmd: 'npx', pre: ['--yes', `pnpm@${pinned}`] };
}

export function pnpm(args, options = {}) {
  const { cmd, pre } = pnpmCommand();
  const result = spawnSync(cmd, [...pre, ...args], { stdio: 'inherit', cwd: root, ...options });
  return result.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(pnpm(process.argv.slice(2)));
}
