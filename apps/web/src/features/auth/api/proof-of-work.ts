import type { ProofOfWorkChallenge } from '@shala/contracts';
import { solveChallenge, solveChallengeWorkers, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';

/** Give up after this long: the challenge itself expires after 5 minutes. */
const SOLVE_TIMEOUT_MS = 120_000;

export class ProofOfWorkFailedError extends Error {
  constructor() {
    super('Your browser could not complete the security check; try again.');
    this.name = 'ProofOfWorkFailedError';
  }
}

function workerCount(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(4, cores));
}

function solveInWorkers(challenge: Challenge): Promise<Solution | null> {
  return solveChallengeWorkers({
    challenge,
    concurrency: workerCount(),
    timeout: SOLVE_TIMEOUT_MS,
    createWorker: () =>
      new Worker(new URL('./proof-of-work.worker.ts', import.meta.url), {
        type: 'module',
        name: 'shala-proof-of-work',
      }),
  });
}

/**
 * Solves the proof-of-work challenge of a CHALLENGE_REQUIRED answer (AUT-07) and encodes it as the login's
 * `proofOfWork` field: base64 of `{ challenge, solution }`. The work runs in Web Workers, off the UI thread;
 * where there are none (or one fails to start) it runs here, yielding to the page between chunks.
 */
export async function solveProofOfWork(wire: ProofOfWorkChallenge): Promise<string> {
  const challenge: Challenge = wire;
  let solution: Solution | null | undefined;
  if (typeof Worker === 'function') {
    // A worker that cannot start (an old browser, a blocked script) leaves the work to this thread.
    solution = await solveInWorkers(challenge).catch(() => undefined);
  }
  if (solution === undefined)
    solution = await solveChallenge({ challenge, deriveKey, timeout: SOLVE_TIMEOUT_MS });
  if (!solution) throw new ProofOfWorkFailedError();
  const payload = {
    challenge: wire,
    solution: { counter: solution.counter, derivedKey: solution.derivedKey },
  };
  // The JSON is ASCII (hex strings and numbers), so btoa encodes it as is.
  return btoa(JSON.stringify(payload));
}
