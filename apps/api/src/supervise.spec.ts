import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * scripts/supervise.mjs, the supervisor `npm start` runs the API under (the repository's scripts have no
 * test leg of their own, so the API's unit leg runs this): driven as a process, with tiny child scripts
 * that crash or wait for a signal.
 */
const SUPERVISOR = resolve(__dirname, '../../../scripts/supervise.mjs');

interface Run {
  code: number | null;
  lines: Record<string, unknown>[];
}

let dir: string;
/** A supervisor still running when a test ends (it failed): its process group is killed, never left. */
const alive: ChildProcess[] = [];
afterEach(() => {
  for (const proc of alive.splice(0))
    if (proc.exitCode === null && proc.signalCode === null) process.kill(-proc.pid!, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A child that appends "start" to a file, then does `body` (JavaScript run with node -e). */
function childScript(body: string): string {
  return `const fs = require('node:fs'); fs.appendFileSync(process.env.RUNS_FILE, 'start\\n'); ${body}`;
}

function superviseRun(options: string[], child: string, onSpawn?: (pid: number) => void): Promise<Run> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, [SUPERVISOR, ...options, '--', process.execPath, '-e', child], {
      env: { ...process.env, RUNS_FILE: join(dir, 'runs') },
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own process group, so a failed test can stop it and its child together.
      detached: true,
    });
    alive.push(proc);
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    proc.once('error', fail);
    proc.once('exit', (code) =>
      done({
        code,
        lines: stderr
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      }),
    );
    onSpawn?.(proc.pid!);
  });
}

const runs = () => (existsSync(join(dir, 'runs')) ? readFileSync(join(dir, 'runs'), 'utf8') : '');

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('scripts/supervise.mjs', { timeout: 15_000 }, () => {
  it('restarts a crashing child with a growing backoff and gives up after N crashes in the window', async () => {
    dir = mkdtempSync(join(tmpdir(), 'shala-supervise-'));
    const run = await superviseRun(
      ['--max-crashes', '3', '--window-ms', '60000', '--backoff-ms', '50', '--name', 'api'],
      childScript('process.exit(3);'),
    );
    expect(run.code).toBe(3);
    expect(runs().match(/start/g)).toHaveLength(3);
    const restarts = run.lines.filter((l) => /restarting/.test(String(l.msg)));
    expect(restarts).toMatchObject([
      { level: 50, name: 'supervisor', code: 3, signal: null, restarts: 1, delayMs: 50 },
      { code: 3, restarts: 2, delayMs: 100 },
    ]);
    expect(run.lines.at(-1)).toMatchObject({ msg: expect.stringMatching(/giving up/), code: 3, restarts: 2 });
  });

  it('forgives crashes spread wider than the window', async () => {
    dir = mkdtempSync(join(tmpdir(), 'shala-supervise-'));
    // Two crashes within 100 ms would stop it; a 150 ms backoff keeps each crash alone in its window.
    const run = await superviseRun(
      ['--max-crashes', '2', '--window-ms', '100', '--backoff-ms', '150'],
      childScript(
        "if (fs.readFileSync(process.env.RUNS_FILE, 'utf8').split('\\n').length <= 4) process.exit(1);",
      ),
    );
    expect(run.code).toBe(0);
    expect(runs().match(/start/g)).toHaveLength(4);
    expect(run.lines.at(-1)).toMatchObject({ msg: expect.stringMatching(/exited cleanly/) });
  });

  it('forwards SIGTERM for a clean stop and does not restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'shala-supervise-'));
    // As Nest's shutdown hooks do: clean up, then die of the same signal.
    const child = childScript(
      "process.once('SIGTERM', () => { fs.appendFileSync(process.env.RUNS_FILE, 'term\\n');" +
        " process.kill(process.pid, 'SIGTERM'); }); setInterval(() => {}, 1000);",
    );
    const run = await superviseRun(['--backoff-ms', '50'], child, (pid) => {
      void until(() => runs().includes('start')).then(
        () => process.kill(pid, 'SIGTERM'),
        () => undefined,
      );
    });
    expect(run.code).toBe(0);
    expect(runs()).toBe('start\nterm\n');
    expect(run.lines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/SIGTERM received, stopping/),
      expect.stringMatching(/stopped/),
    ]);
    expect(run.lines[1]).toMatchObject({ code: null, signal: 'SIGTERM' });
  });
});
