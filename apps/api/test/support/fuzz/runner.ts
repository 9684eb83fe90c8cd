import type { LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TestApp, takeSqlGuardViolations } from '../test-app';
import type { Callers, FuzzRole } from './identities';
import type { FuzzOperation } from './openapi';
import { SLOW_MS, Violation, normalizeCause, violationsOf } from './oracle';
import {
  FuzzContext,
  RenderedRequest,
  RequestSpec,
  reductionsOf,
  renderRequest,
  requestArbitrary,
} from './requests';

/** FUZZ_TRACE=1 prints each request before it is sent: after a hang, the last line names the culprit. */
const TRACE = process.env.FUZZ_TRACE === '1';

/** A request that does not answer within this is reported and abandoned (it keeps running). */
const NO_ANSWER_MS = 15_000;

/** Requests and time spent reducing one failure to a smaller reproduction. */
const REDUCE_SENDS = 40;
const REDUCE_MS = 8_000;

export interface Finding {
  op: string;
  role: FuzzRole;
  signature: string;
  violations: Violation[];
  /** The smallest request found that shows the failure (the caller's own bearer token left out). */
  request: RenderedRequest;
  status: number;
  body: string;
  /** The server's own error message, from its log, for 5xx answers. */
  cause: string | null;
  /** How many generated requests failed this way. */
  count: number;
}

interface Outcome {
  res: LightMyRequestResponse | null;
  violations: Violation[];
  cause: string | null;
  signature: string;
}

/** Anonymous callers sometimes present a broken credential instead of none. */
const ANONYMOUS_AUTH = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Bearer x.y.z',
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${'a'.repeat(9_000)}`,
      'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    ),
  },
);

/** A stable 32-bit seed per operation and role, from the run seed. */
export function seedFor(base: number, op: string, role: string): number {
  let h = base >>> 0;
  for (const ch of `${op}|${role}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h | 0;
}

export class Fuzzer {
  /** Slow answers that were fast when sent again: machine noise, listed but not failed. */
  readonly transientSlow: string[] = [];
  requests = 0;
  /** Answers per operation and status, to see which operations the fuzzing got past validation. */
  readonly statuses = new Map<string, Map<number, number>>();

  constructor(
    private readonly t: TestApp,
    private readonly callers: Callers,
  ) {}

  private causeIn(from: number): string | null {
    for (const line of this.t.logs.slice(from)) {
      const err = line.err as { type?: string; message?: string } | undefined;
      if (err?.message) return `${err.type ?? 'Error'}: ${err.message}`;
    }
    return null;
  }

  private async inject(
    rendered: RenderedRequest,
    authorization: string | undefined,
  ): Promise<{ res: LightMyRequestResponse | null; elapsed: number; cpu: number }> {
    this.requests++;
    if (TRACE)
      writeSync(
        2,
        `[fuzz] ${rendered.method} ${rendered.url.slice(0, 300)} ${(rendered.payload ?? '').slice(0, 300)}\n`,
      );
    const started = performance.now();
    const cpu = process.cpuUsage();
    let timer: NodeJS.Timeout | undefined;
    const res = await Promise.race([
      this.t.request({
        method: rendered.method,
        url: rendered.url,
        headers: { ...rendered.headers, ...(authorization ? { authorization } : {}) },
        ...(rendered.payload !== undefined ? { payload: rendered.payload } : {}),
        remoteAddress: this.callers.nextIp(),
      }),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), NO_ANSWER_MS))),
    ]);
    clearTimeout(timer);
    const used = process.cpuUsage(cpu);
    return { res, elapsed: performance.now() - started, cpu: (used.user + used.system) / 1000 };
  }

  /** Sends one request as `role` and judges the answer. */
  async send(op: FuzzOperation, role: FuzzRole, spec: RequestSpec, anonymousAuth?: string): Promise<Outcome> {
    const rendered = renderRequest(op, spec);
    const identity = role === 'anonymous' ? null : this.callers.pick(role);
    const mark = this.t.logs.length;
    const first = await this.inject(rendered, identity ? `Bearer ${identity.token}` : anonymousAuth);
    let res = first.res;
    let elapsed = first.elapsed;
    let cpu = first.cpu;
    if (!res)
      return this.outcome(null, [{ kind: 'no-answer', detail: `no answer within ${NO_ANSWER_MS} ms` }], mark);
    if (elapsed > SLOW_MS) {
      // Sent again once: a 2-core machine running other suites stalls now and then.
      const again = await this.inject(rendered, identity ? `Bearer ${identity.token}` : anonymousAuth);
      if (again.res && again.elapsed <= SLOW_MS) {
        this.transientSlow.push(
          `${op.key} as ${role}: ${Math.round(elapsed)} ms, then ${Math.round(again.elapsed)} ms`,
        );
        res = again.res;
        elapsed = again.elapsed;
        cpu = again.cpu;
      }
    }
    const violations = violationsOf(res, elapsed).map((v) =>
      // The process's own CPU time tells slow code from a machine busy with other work.
      v.kind === 'slow' ? { ...v, detail: `${v.detail} (${Math.round(cpu)} ms of CPU in this process)` } : v,
    );
    if (identity && res.statusCode === 401) {
      // Fuzzing may have ended this caller's session (logout, sign out everywhere, deactivation, role
      // change, suspension): restore the caller and send the request again with a new session.
      this.callers.touch(identity);
      const me = await this.t.request({
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${identity.token}` },
      });
      if (me.statusCode === 401) {
        await this.callers.revive(identity);
        this.callers.touch(identity);
        const retry = await this.inject(rendered, `Bearer ${identity.token}`);
        if (!retry.res)
          return this.outcome(
            null,
            [{ kind: 'no-answer', detail: `no answer within ${NO_ANSWER_MS} ms` }],
            mark,
          );
        res = retry.res;
        violations.push(...violationsOf(res, retry.elapsed));
      }
    }
    const counts = this.statuses.get(op.key) ?? new Map<number, number>();
    counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
    this.statuses.set(op.key, counts);
    const guard = takeSqlGuardViolations();
    if (guard.length > 0) violations.push({ kind: 'sql-guard', detail: guard[0]! });
    return this.outcome(res, violations, mark);
  }

  private outcome(res: LightMyRequestResponse | null, violations: Violation[], mark: number): Outcome {
    const cause = res && res.statusCode >= 500 ? this.causeIn(mark) : null;
    let code = '';
    if (res && res.statusCode >= 400) {
      try {
        const body = JSON.parse(res.body) as { error?: { code?: unknown }; code?: unknown };
        code = String(body.error?.code ?? body.code ?? '');
      } catch {
        code = 'unparsable';
      }
    }
    const kinds = [...new Set(violations.map((v) => v.kind))].sort().join('+');
    const signature = `${kinds} ${res?.statusCode ?? '-'} ${cause ? normalizeCause(cause) : code}`;
    return { res, violations, cause, signature };
  }

  /**
   * Fuzzes one operation as one role: `runs` generated requests (fewer when the time budget runs out,
   * never fewer than `minRuns`). Every distinct failure is kept with the smallest request that showed
   * it, then reduced field by field while it still fails the same way.
   */
  async fuzz(
    op: FuzzOperation,
    role: FuzzRole,
    ctx: FuzzContext,
    options: { seed: number; runs: number; minRuns: number; budgetMs: number },
  ): Promise<Finding[]> {
    const arb = fc.tuple(
      requestArbitrary(op, ctx),
      role === 'anonymous' ? ANONYMOUS_AUTH : fc.constant(undefined),
    );
    const samples = fc.sample(arb, { seed: options.seed, numRuns: options.runs });
    const deadline = performance.now() + options.budgetMs;
    const found = new Map<
      string,
      { spec: RequestSpec; auth?: string; outcome: Outcome; size: number; count: number }
    >();
    for (const [i, [spec, auth]] of samples.entries()) {
      if (i >= options.minRuns && performance.now() > deadline) break;
      const outcome = await this.send(op, role, spec, auth);
      if (outcome.violations.length === 0) continue;
      const size = JSON.stringify(renderRequest(op, spec)).length;
      const seen = found.get(outcome.signature);
      if (!seen || size < seen.size)
        found.set(outcome.signature, { spec, auth, outcome, size, count: (seen?.count ?? 0) + 1 });
      else seen.count++;
    }
    const findings: Finding[] = [];
    for (const [signature, entry] of found) {
      const reduced = await this.reduce(op, role, entry.spec, entry.auth, signature, entry.outcome);
      const { res } = reduced.outcome;
      const request = renderRequest(op, reduced.spec);
      if (reduced.auth) request.headers.authorization = reduced.auth;
      findings.push({
        op: op.key,
        role,
        signature,
        violations: reduced.outcome.violations,
        request,
        status: res?.statusCode ?? 0,
        body: res ? res.body.slice(0, 300) : '',
        cause: reduced.outcome.cause,
        count: entry.count,
      });
    }
    return findings;
  }

  private async reduce(
    op: FuzzOperation,
    role: FuzzRole,
    spec: RequestSpec,
    auth: string | undefined,
    signature: string,
    outcome: Outcome,
  ): Promise<{ spec: RequestSpec; auth?: string; outcome: Outcome }> {
    let best = { spec, auth, outcome };
    let sends = 0;
    const until = performance.now() + REDUCE_MS;
    let progress = true;
    while (progress && sends < REDUCE_SENDS && performance.now() < until) {
      progress = false;
      for (const candidate of reductionsOf(best.spec)) {
        if (sends >= REDUCE_SENDS || performance.now() > until) break;
        sends++;
        const tried = await this.send(op, role, candidate, best.auth);
        if (tried.signature === signature) {
          best = { spec: candidate, auth: best.auth, outcome: tried };
          progress = true;
          break;
        }
      }
    }
    return best;
  }
}
