#!/usr/bin/env node
// A small process supervisor for the embedded default (`npm start`): runs one child, restarts it after a
// crash with an exponential backoff, gives up after too many crashes in a window, and forwards SIGINT and
// SIGTERM for a clean stop (a requested stop is never restarted). Each event is one JSON line on stderr.
//
//   node scripts/supervise.mjs [--max-crashes 5] [--window-ms 60000] [--backoff-ms 1000]
//                              [--max-backoff-ms 30000] [--name api] -- <command> [args...]
//
// As a module: `await supervise({ command, args, ... })` resolves with the exit code to leave with.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULTS = Object.freeze({
  /** Crashes within windowMs after which the supervisor gives up. */
  maxCrashes: 5,
  windowMs: 60_000,
  /** First restart delay; doubles with each crash in the window, up to maxBackoffMs. */
  backoffMs: 1_000,
  maxBackoffMs: 30_000,
});

const LEVEL = { info: 30, warn: 40, error: 50 };

/** One JSON line (pino's shape: numeric level, epoch ms, msg) on stderr. */
export function jsonLine(level, msg, fields = {}) {
  process.stderr.write(
    `${JSON.stringify({ level: LEVEL[level], time: Date.now(), name: 'supervisor', msg, ...fields })}\n`,
  );
}

/**
 * Runs `command args` and keeps it running. Resolves with the code to exit with: the child's own code
 * after a requested stop (SIGINT/SIGTERM forwarded to it) or a clean exit (code 0), or the last crash's
 * code (at least 1) after giving up.
 */
export function supervise({
  command,
  args = [],
  spawnOptions = {},
  name = 'child',
  maxCrashes = DEFAULTS.maxCrashes,
  windowMs = DEFAULTS.windowMs,
  backoffMs = DEFAULTS.backoffMs,
  maxBackoffMs = DEFAULTS.maxBackoffMs,
  signals = ['SIGINT', 'SIGTERM'],
  log = jsonLine,
}) {
  return new Promise((resolvePromise) => {
    let child = null;
    let timer = null;
    let stopping = null;
    let restarts = 0;
    const crashes = [];

    let done = false;
    const finish = (code) => {
      if (done) return;
      done = true;
      for (const signal of signals) process.removeListener(signal, onSignal);
      resolvePromise(code);
    };

    function onSignal(signal) {
      if (stopping) {
        // A second Ctrl+C while the child shuts down: pass it on (the child may choose to hurry).
        child?.kill(signal);
        return;
      }
      stopping = signal;
      log('info', `${name}: ${signal} received, stopping`, { signal, pid: child?.pid ?? null });
      if (timer) {
        clearTimeout(timer);
        timer = null;
        finish(0);
        return;
      }
      child?.kill(signal);
    }
    for (const signal of signals) process.on(signal, onSignal);

    function start() {
      timer = null;
      child = spawn(command, args, { stdio: 'inherit', ...spawnOptions });
      child.once('error', (error) => {
        // Not startable at all (no such command): restarting will not help.
        log('error', `${name}: could not start: ${error.message}`, { command });
        finish(1);
      });
      child.once('exit', (code, signal) => {
        child = null;
        if (done) return;
        if (stopping) {
          log('info', `${name}: stopped`, { code, signal });
          finish(code ?? 0);
          return;
        }
        if (code === 0) {
          log('info', `${name}: exited cleanly; not restarting`, { code, signal });
          finish(0);
          return;
        }
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && crashes[0] <= now - windowMs) crashes.shift();
        if (crashes.length >= maxCrashes) {
          log('error', `${name}: crashed ${crashes.length} times within ${windowMs} ms; giving up`, {
            code,
            signal,
            restarts,
            crashesInWindow: crashes.length,
          });
          finish(code || 1);
          return;
        }
        const delayMs = Math.min(maxBackoffMs, backoffMs * 2 ** (crashes.length - 1));
        restarts += 1;
        log('error', `${name}: crashed; restarting in ${delayMs} ms`, {
          code,
          signal,
          restarts,
          crashesInWindow: crashes.length,
          delayMs,
        });
        timer = setTimeout(start, delayMs);
      });
    }
    start();
  });
}

function parseCli(argv) {
  const split = argv.indexOf('--');
  if (split < 0 || split === argv.length - 1)
    throw new Error('usage: supervise.mjs [options] -- <command> [args...]');
  const options = {};
  const flags = argv.slice(0, split);
  for (let i = 0; i < flags.length; i += 2) {
    const key = flags[i].replace(/^--/, '').replace(/-([a-z])/g, (_m, c) => c.toUpperCase());
    const value = flags[i + 1];
    if (!(key in DEFAULTS) && key !== 'name') throw new Error(`unknown option ${flags[i]}`);
    options[key] = key === 'name' ? value : Number(value);
    if (key !== 'name' && !(Number.isFinite(options[key]) && options[key] >= 0))
      throw new Error(`${flags[i]} needs a number`);
  }
  const [command, ...args] = argv.slice(split + 1);
  return { ...options, command, args };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.exit(await supervise(options));
}
