import type { ErrorDetail } from '@shala/contracts';
import type * as LanguageCommon from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let common: string[] | null = null;
/**
 * The list lower-cased and sorted, for a binary search; loaded on first use (the package decompresses its
 * dictionaries when loaded: ~30 ms, and 2.4 MB of live heap that a process which never checks a password
 * does not need). A sorted array shares the package's strings; a Set of them added 1.6 MB more.
 */
function commonPasswords(): string[] {
  if (common) return common;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dictionary } = require('@zxcvbn-ts/language-common') as typeof LanguageCommon;
  common = (dictionary as Record<string, string[]>)['passwords-common']!.map((p) => p.toLowerCase()).sort();
  return common;
}

function isCommonPassword(lower: string): boolean {
  const list = commonPasswords();
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const entry = list[middle]!;
    if (entry === lower) return true;
    if (entry < lower) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/**
 * AUT-02 (NIST SP 800-63B): 12 to 128 characters, any characters, no composition rules, and not one of the
 * 49,233 common passwords bundled with @zxcvbn-ts/language-common, nor the user's own email.
 */
export function passwordProblems(password: string, context: { email?: string } = {}): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    problems.push({ field: 'password', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` });
  if (length > PASSWORD_MAX_LENGTH)
    problems.push({ field: 'password', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` });
  const lower = password.toLowerCase();
  if (isCommonPassword(lower))
    problems.push({ field: 'password', message: 'is one of the most common passwords; choose another' });
  const email = context.email?.toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0]))
    problems.push({ field: 'password', message: 'must not be your email address' });
  return problems;
}

export function commonPasswordCount(): number {
  return new Set(commonPasswords()).size;
}
