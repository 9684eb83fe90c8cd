import { CommonErrorCode, type ErrorDetail } from '@shala/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, ValidationFailedError } from '../errors/domain-error';

/** APP-05: the shape of a JSON body, bounded before anything (the validation pipe included) walks it. */
export const JSON_LIMITS = {
  /** Arrays and objects nested deeper than this are refused; real bodies here go 5 levels deep. */
  maxDepth: 32,
  /** Object keys in the whole body; the largest real body (a fee structure) has about 2,500. */
  maxKeys: 5000,
} as const;

export class JsonBodyError extends DomainError {
  constructor(message: string, details?: ErrorDetail[]) {
    super(400, CommonErrorCode.MalformedBody, message, details);
  }
}

interface Frame {
  value: unknown;
  depth: number;
  key: string;
  parent: Frame | null;
}

/** The dotted path of a value (`guardians.0.fullName`), as the validation pipe names fields. */
function pathOf(frame: Frame): string {
  const parts: string[] = [];
  for (let f: Frame | null = frame; f && f.parent; f = f.parent) parts.push(f.key);
  return parts.reverse().join('.') || '(body)';
}

/**
 * Checks a parsed JSON value without recursion (an explicit stack, so no input can overflow the call
 * stack): nesting depth, total key count, prototype poisoning (`__proto__`, `constructor.prototype`, the
 * keys secure-json-parse refuses) and NUL characters in any key or string. Throws a 400 naming the limit
 * or the field; returns nothing when the value is fine.
 */
export function checkJsonValue(root: unknown, limits: typeof JSON_LIMITS = JSON_LIMITS): void {
  let keys = 0;
  const stack: Frame[] = [{ value: root, depth: 0, key: '', parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        const field = pathOf(frame);
        throw new ValidationFailedError(
          [{ field, message: 'must not contain NUL characters (\\u0000)' }],
          `The request is invalid: ${field} contains a NUL character.`,
        );
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const depth = frame.depth + 1;
    if (depth > limits.maxDepth)
      throw new JsonBodyError(
        `The request body is refused: JSON nesting deeper than ${limits.maxDepth} levels.`,
      );
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i] as unknown, depth, key: String(i), parent: frame });
      continue;
    }
    const record = value as Record<string, unknown>;
    const own = Object.keys(record);
    keys += own.length;
    if (keys > limits.maxKeys)
      throw new JsonBodyError(`The request body is refused: more than ${limits.maxKeys} JSON keys.`);
    // JSON.parse makes "__proto__" a plain own key (the prototype is untouched); refused all the same,
    // as secure-json-parse does, before anything copies it somewhere it would count.
    if (Object.prototype.hasOwnProperty.call(record, '__proto__'))
      throw new JsonBodyError('The request body is refused: it has a forbidden "__proto__" key.');
    for (let i = own.length - 1; i >= 0; i--) {
      const key = own[i]!;
      const child = record[key];
      if (key.includes('\u0000')) {
        const field = pathOf({
          value: child,
          depth,
          key: key.replaceAll('\u0000', '\\u0000'),
          parent: frame,
        });
        throw new ValidationFailedError(
          [{ field, message: 'the field name must not contain NUL characters (\\u0000)' }],
          `The request is invalid: a field name contains a NUL character.`,
        );
      }
      if (
        key === 'constructor' &&
        typeof child === 'object' &&
        child !== null &&
        Object.prototype.hasOwnProperty.call(child, 'prototype')
      )
        throw new JsonBodyError(
          'The request body is refused: it has a forbidden "constructor.prototype" key.',
        );
      stack.push({ value: child, depth, key, parent: frame });
    }
  }
}

/** Parses a JSON body and checks it (checkJsonValue); bad JSON answers 400 MALFORMED_BODY. */
export function parseJsonBody(text: string, limits: typeof JSON_LIMITS = JSON_LIMITS): unknown {
  if (text.length === 0)
    throw new JsonBodyError('The request body is empty; send JSON, or no Content-Type: application/json.');
  let value: unknown;
  try {
    // V8's JSON.parse does not recurse, so a deep body cannot overflow the stack here either.
    value = JSON.parse(text);
  } catch {
    throw new JsonBodyError('The request body is not valid JSON.');
  }
  checkJsonValue(value, limits);
  return value;
}

/**
 * Replaces the application/json parser (Nest registers Fastify's secure-json-parse one at init) with
 * parseJsonBody: same body limit and prototype-poisoning refusal, plus the depth, key and NUL checks, all
 * before the validation pipe. Webhook routes are unaffected: their raw bytes are kept by a preParsing
 * hook (webhook-raw-body.ts), which hands this parser an empty object. Call it after app.init() and
 * before the instance is ready.
 */
export function useJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (_request: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
      try {
        done(null, parseJsonBody(typeof body === 'string' ? body : body.toString('utf8')));
      } catch (error) {
        done(error as Error);
      }
    },
  );
}
