import { DEFAULT_ROLE_PERMISSIONS } from '@shala/contracts';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcademicsService } from '../src/modules/academics/academics.service';
import { FUZZ_ROLES, FuzzRole } from './support/fuzz/identities';
import {
  FuzzOperation,
  OpenApiDocument,
  SchemaObject,
  expressPath,
  operationsOf,
} from './support/fuzz/openapi';
import { RecordPools, contextFor } from './support/fuzz/pools';
import { tableFor } from './support/fuzz/requests';
import { Finding, Fuzzer, seedFor } from './support/fuzz/runner';
import { INCLUDE_DATES_BEYOND_2199 } from './support/fuzz/values';
import { FuzzWorld, buildWorld } from './support/fuzz/world';
import { discoverRoutes } from './support/routes';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/** Fixed by default so a run can be repeated; FUZZ_SEED picks another. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261120);
/** Requests per operation and permitted role; roles the route refuses get an eighth (at least 2). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/**
 * The time box for fuzzing, after setup: each operation and role gets its share of what is left, so a
 * slow machine sends fewer requests instead of taking longer (never fewer than 2 per operation and role).
 * 0 sends every generated request, for a reproduction that does not depend on the machine's speed.
 */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 90);
/** Only operations whose key contains this (e.g. `FUZZ_ONLY='PUT /api/v1/students/{id}/account'`). */
const ONLY = process.env.FUZZ_ONLY;
/** Writes every finding as JSON to this file. */
const REPORT = process.env.FUZZ_REPORT;
/**
 * FUZZ_INJECT_500=1 makes AcademicsService.listClasses throw (GET /academics/classes and the routes that
 * read classes answer 500), to see this suite fail on a 500 without editing application code.
 */
const INJECT_500 = process.env.FUZZ_INJECT_500 === '1';

/**
 * Operations not fuzzed, each with its reason. Side effects on the fuzzing callers themselves (logout,
 * sign out everywhere, deactivation, role and permission changes, MFA reset, suspension of their school)
 * are fuzzed too: the runner restores the callers and signs them in again (support/fuzz/identities.ts).
 */
const SKIPPED: Record<string, string> = {
  'POST /api/v1/__probe/echo': 'test-only route of test/support/probe.module.ts, not part of the API',
  'POST /api/v1/__probe/boom': 'test-only route that throws on purpose (it tests the error envelope)',
};

const isPermitted = (policy: string | null | undefined, role: FuzzRole): boolean => {
  if (policy === 'public') return role === 'anonymous';
  if (role === 'anonymous') return false;
  if (policy === 'authenticated') return true;
  return (DEFAULT_ROLE_PERMISSIONS[role] as readonly string[]).includes(policy ?? '');
};

function fieldNames(schema: SchemaObject | null | undefined, out: string[] = [], depth = 0): string[] {
  if (!schema || depth > 8) return out;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    out.push(name);
    fieldNames(property, out, depth + 1);
  }
  fieldNames(schema.items, out, depth + 1);
  return out;
}

/** The tables whose ids the operation's path, query and body can take. */
function tablesOf(op: FuzzOperation, all: string[]): string[] {
  const segments = op.path.split('/');
  const names = [
    ...op.pathParams.map((p) => tableFor(p.name, segments[segments.indexOf(`{${p.name}}`) - 1])),
    ...[...op.queryParams.map((p) => p.name), ...fieldNames(op.body)].map((n) => tableFor(n)),
  ];
  return names.includes('*') ? all : [...new Set(names.filter((n): n is string => !!n))];
}

function describeFinding(f: Finding): string {
  const payload = f.request.payload === undefined ? '' : ` ${f.request.payload.slice(0, 400)}`;
  return [
    `${f.op} as ${f.role} — ${f.violations.map((v) => `${v.kind}: ${v.detail}`).join('; ')} (${f.count}×)`,
    `  ${f.request.method} ${f.request.url.slice(0, 300)}${payload}`,
    `  headers ${JSON.stringify(f.request.headers).slice(0, 300)}`,
    `  → ${f.status} ${f.body.slice(0, 300)}`,
    ...(f.cause ? [`  cause: ${f.cause.slice(0, 300)}`] : []),
  ].join('\n');
}

describe(`fuzzing every operation of the OpenAPI document, as every role, on ${TEST_DB}`, () => {
  let t: TestApp;
  let world: FuzzWorld;
  let operations: FuzzOperation[];
  let policies: Map<string, string | null>;
  let pools: RecordPools;
  let fuzzer: Fuzzer;
  const findings: Finding[] = [];
  const started = performance.now();
  let deadline = Infinity;
  let weightLeft = 0;
  const runsFor = (op: FuzzOperation, role: FuzzRole) =>
    isPermitted(policies.get(`${op.method} ${expressPath(op.path)}`), role)
      ? RUNS
      : Math.max(2, Math.ceil(RUNS / 8));
  const fuzzed = (op: FuzzOperation) => !(op.key in SKIPPED) && (!ONLY || op.key.includes(ONLY));

  beforeAll(async () => {
    t = await bootTestApp({ LOG_LEVEL: 'warn' });
    world = await buildWorld(t);
    if (INJECT_500)
      t.app.get(AcademicsService).listClasses = async () => {
        throw new Error('injected fault (FUZZ_INJECT_500)');
      };
    const doc = await t.request({ url: '/api/docs-json' });
    expect(doc.statusCode).toBe(200);
    operations = operationsOf(doc.json<OpenApiDocument>());
    policies = new Map(discoverRoutes(t.app).map((r) => [r.route, r.policy]));
    pools = new RecordPools(t);
    await pools.refresh();
    fuzzer = new Fuzzer(t, world.callers);
    weightLeft = FUZZ_ROLES.reduce(
      (sum, role) => sum + operations.filter(fuzzed).reduce((w, op) => w + runsFor(op, role), 0),
      0,
    );
    if (SECONDS > 0) deadline = performance.now() + SECONDS * 1000;
    process.stdout.write(
      `\n[fuzz] set up in ${((performance.now() - started) / 1000).toFixed(1)} s; seed ${SEED} (FUZZ_SEED), ${RUNS} runs per permitted operation and role (FUZZ_RUNS), ` +
        `time box ${SECONDS ? `${SECONDS} s` : 'off'} (FUZZ_SECONDS), dates beyond 2199 ${INCLUDE_DATES_BEYOND_2199 ? 'on' : 'OFF'}, ` +
        `${operations.length} operations, ${Object.keys(SKIPPED).length} skipped\n`,
    );
  }, 180_000);

  afterAll(async () => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `[fuzz] ${fuzzer?.requests ?? 0} requests in ${seconds} s on ${TEST_DB}; ${findings.length} findings\n` +
        (fuzzer?.transientSlow.length
          ? `[fuzz] slow once, fast when sent again (not failed): ${fuzzer.transientSlow.join('; ')}\n`
          : ''),
    );
    const groups = new Map<string, Finding[]>();
    for (const f of findings) groups.set(f.signature, [...(groups.get(f.signature) ?? []), f]);
    for (const [signature, group] of [...groups].sort((a, b) => b[1].length - a[1].length))
      process.stdout.write(
        `[fuzz] ${signature}: ${group.length} operation/role pairs, e.g. ` +
          `${group
            .slice(0, 3)
            .map((f) => `${f.op} as ${f.role}`)
            .join('; ')}\n`,
      );
    if (fuzzer) {
      const ok = [...fuzzer.statuses].filter(([, counts]) => [...counts.keys()].some((s) => s < 300));
      const never = [...fuzzer.statuses.keys()].filter((op) => !ok.some(([k]) => k === op));
      process.stdout.write(
        `[fuzz] operations answered 2xx at least once: ${ok.length}/${fuzzer.statuses.size}; never: ${never.join(', ')}\n`,
      );
    }
    if (REPORT)
      writeFileSync(
        REPORT,
        JSON.stringify(
          {
            findings,
            statuses: Object.fromEntries(
              [...(fuzzer?.statuses ?? [])].map(([k, v]) => [k, Object.fromEntries(v)]),
            ),
          },
          null,
          2,
        ),
      );
    await t?.close();
  });

  it('finds every route of the running app in the document, so every operation is fuzzed', () => {
    const documented = new Set(operations.map((op) => `${op.method} ${expressPath(op.path)}`));
    expect([...policies.keys()].filter((route) => !documented.has(route))).toEqual([]);
    expect(Object.keys(SKIPPED).filter((key) => !operations.some((op) => op.key === key))).toEqual([]);
  });

  it.each(FUZZ_ROLES)(
    'answers every operation called as %s without a 5xx, a slow answer, a stack trace or a broken error envelope',
    async (role) => {
      const mine: Finding[] = [];
      const roleStarted = performance.now();
      const requestsBefore = fuzzer.requests;
      let preparing = 0;
      let restoreNeeded = true;
      for (const op of operations) {
        if (!fuzzed(op)) continue;
        const prepared = performance.now();
        // Only writes can change the callers' institutions, accounts, roles or permissions.
        if (restoreNeeded) await world.callers.restore();
        restoreNeeded = op.method !== 'GET';
        await pools.refresh(tablesOf(op, pools.tableNames));
        const tenantId = role === 'anonymous' ? world.greenwood.institution.id : world.callers.tenantOf(role);
        const ctx = contextFor(pools, tenantId, await world.known());
        preparing += performance.now() - prepared;
        const runs = runsFor(op, role);
        const budgetMs = (Math.max(0, deadline - performance.now()) * runs) / weightLeft;
        weightLeft -= runs;
        mine.push(
          ...(await fuzzer.fuzz(op, role, ctx, {
            seed: seedFor(SEED, op.key, role),
            runs,
            minRuns: Math.min(runs, 2),
            budgetMs,
          })),
        );
      }
      findings.push(...mine);
      process.stdout.write(
        `[fuzz] ${role}: ${fuzzer.requests - requestsBefore} requests in ` +
          `${((performance.now() - roleStarted) / 1000).toFixed(1)} s (${(preparing / 1000).toFixed(1)} s restoring ` +
          `callers and reading ids), ${mine.length} findings\n`,
      );
      expect(mine.map(describeFinding)).toEqual([]);
    },
    900_000,
  );
});
