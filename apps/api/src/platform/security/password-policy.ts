import type { ErrorDetail } from '@shala/contracts';
import type * as LanguageCommon from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | null = null;
/** Loaded on first use: the package decompresses its dictionaries when loaded (~30 ms of every start). */
function commonPasswords(): Set<string> {
  if (common) return common;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dictionary } = require('@zxcvbn-ts/language-common') as typeof LanguageCommon;
  common = new Set((dictionary as Record<string, string[]>)['passwords-common']!.map((p) => p.toLowerCase()));
  return common;
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
  if (commonPasswords().has(lower))
    problems.push({ field: 'password', message: 'is one of the most common passwords; choose another' });
  const email = context.email?.toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0]))
    problems.push({ field: 'password', message: 'must not be your email address' });
  return problems;
}

export function commonPasswordCount(): number {
  return commonPasswords().size;
}
