import type { LightMyRequestResponse } from 'fastify';

/** Slower than this is a failure. */
export const SLOW_MS = 2_000;

/** What a stack trace or a path into the server's code looks like in a response body. */
const STACK_TRACE = [
  /at [\w$.<>[\] ]+ \(.*:\d+:\d+\)/,
  /node_modules/,
  /\n\s+at \S+.*:\d+:\d+/,
  /\/src\/[\w/.-]+\.[jt]s\b/,
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why an error response is not the one envelope `{ error: { code, message, details? }, requestId }`, or null. */
function envelopeProblem(res: LightMyRequestResponse): string | null {
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json'))
    return `content-type ${String(res.headers['content-type'])}`;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return 'body is not JSON';
  }
  if (!isObject(body)) return 'body is not an object';
  const extra = Object.keys(body).filter((k) => k !== 'error' && k !== 'requestId');
  if (extra.length > 0) return `unexpected top-level fields ${extra.join(', ')}`;
  const error = body.error;
  if (!isObject(error)) return 'no error object';
  if (typeof error.code !== 'string' || error.code === '') return 'error.code missing';
  if (typeof error.message !== 'string' || error.message === '') return 'error.message missing';
  const extraError = Object.keys(error).filter((k) => !['code', 'message', 'details'].includes(k));
  if (extraError.length > 0) return `unexpected error fields ${extraError.join(', ')}`;
  if (error.details !== undefined && !Array.isArray(error.details)) return 'error.details is not an array';
  if (typeof body.requestId !== 'string' || body.requestId === '') return 'requestId missing';
  if (res.headers['x-request-id'] !== body.requestId) return 'requestId differs from the x-request-id header';
  return null;
}

export type ViolationKind = '5xx' | 'slow' | 'stack-trace' | 'envelope' | 'no-answer' | 'sql-guard';

export interface Violation {
  kind: ViolationKind;
  detail: string;
}

/** Everything wrong with one answer. */
export function violationsOf(res: LightMyRequestResponse, elapsedMs: number): Violation[] {
  const out: Violation[] = [];
  if (res.statusCode >= 500) out.push({ kind: '5xx', detail: `status ${res.statusCode}` });
  if (elapsedMs > SLOW_MS) out.push({ kind: 'slow', detail: `${Math.round(elapsedMs)} ms` });
  const trace = STACK_TRACE.find((p) => p.test(res.body));
  if (trace) out.push({ kind: 'stack-trace', detail: `body matches ${String(trace)}` });
  if (res.statusCode >= 400) {
    const problem = envelopeProblem(res);
    if (problem) out.push({ kind: 'envelope', detail: problem });
  }
  return out;
}

/** Ids, numbers and quoted values out of an error message, so one cause groups as one. */
export function normalizeCause(message: string): string {
  return message
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .slice(0, 200);
}
