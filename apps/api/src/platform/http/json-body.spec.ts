import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { JSON_LIMITS, parseJsonBody } from './json-body';

const refusal = (text: string) => {
  try {
    parseJsonBody(text);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return null;
};

describe('parseJsonBody', () => {
  it('parses ordinary bodies unchanged', () => {
    expect(parseJsonBody('{"a":[1,{"b":"x"}],"c":null}')).toEqual({ a: [1, { b: 'x' }], c: null });
    expect(parseJsonBody('"text"')).toBe('text');
  });

  it('counts nesting without recursion, whatever the depth', () => {
    const levels = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(refusal(levels(JSON_LIMITS.maxDepth))).toBeNull();
    expect(refusal(levels(JSON_LIMITS.maxDepth + 1))?.message).toMatch(/deeper than 32 levels/);
    expect(refusal(levels(200_000))?.code).toBe('MALFORMED_BODY');
  });

  it('limits the keys of the whole body, nested objects included', () => {
    const many = (n: number) =>
      JSON.stringify({ a: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 1])) });
    expect(refusal(many(JSON_LIMITS.maxKeys - 1))).toBeNull();
    expect(refusal(many(JSON_LIMITS.maxKeys))?.message).toMatch(/more than 5000 JSON keys/);
  });

  it('names the field holding a NUL character, as the validation pipe names fields', () => {
    const nul = refusal('{"guardians":[{"fullName":"Ravi\\u0000"}]}');
    expect(nul?.code).toBe('VALIDATION_FAILED');
    expect(nul?.details).toEqual([{ field: 'guardians.0.fullName', message: expect.any(String) }]);
    expect(refusal('{"a\\u0000b":1}')?.details?.[0]?.field).toBe('a\\u0000b');
    expect(refusal('"\\u0000"')?.details?.[0]?.field).toBe('(body)');
  });

  it('refuses prototype poisoning and bad JSON with MALFORMED_BODY', () => {
    for (const text of ['{"__proto__":{"x":1}}', '{"a":{"constructor":{"prototype":{}}}}', '{"a":', ''])
      expect(refusal(text)?.code).toBe('MALFORMED_BODY');
    expect(refusal('{"constructor":"fine"}')).toBeNull();
  });
});
