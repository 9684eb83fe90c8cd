/**
 * A DTO's quick check that a body is well formed, run before class-transformer and class-validator (issue
 * 18): when it passes, the validation pipe hands the parsed body on as it is; when it fails, the body goes
 * through the full validation, which answers the same 400 with every bad field named as before. A check
 * must therefore accept only bodies the DTO's own rules accept (a test per check holds it to that): it is
 * a shortcut for the common case, never a second set of rules.
 */
export type AcceptCheck = (value: unknown) => boolean;

const checks = new WeakMap<object, AcceptCheck>();

/** Registers `check` as the quick acceptance of the decorated DTO class. */
export function FastAccept(check: AcceptCheck): ClassDecorator {
  return (target) => {
    checks.set(target, check);
  };
}

/** The quick check registered for a DTO class, if any. */
export function fastAcceptOf(metatype: unknown): AcceptCheck | undefined {
  return typeof metatype === 'function' ? checks.get(metatype) : undefined;
}

/** A JSON object (not null, not an array) whose own keys are all among `allowed`. */
export function isObjectWithKeys(
  value: unknown,
  allowed: ReadonlySet<string>,
): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}
