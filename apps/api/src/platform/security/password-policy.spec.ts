import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { commonPasswordCount, passwordProblems } from './password-policy';

describe('password policy', () => {
  it('[AUT-02] accepts a long passphrase with no composition rules', () => {
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
    expect(passwordProblems('ಕನ್ನಡ ಪಾಸ್‌ವರ್ಡ್ ಉದ್ದ')).toEqual([]);
  });

  it('[AUT-02] refuses fewer than 12 and more than 128 characters', () => {
    expect(passwordProblems('short-pass1')[0]?.message).toMatch(/at least 12/);
    expect(passwordProblems('x'.repeat(129))[0]?.message).toMatch(/at most 128/);
  });

  it('[AUT-02] refuses a password from the bundled common-password list', () => {
    expect(commonPasswordCount()).toBeGreaterThan(40_000);
    expect(passwordProblems('1qaz2wsx3edc')).toEqual([
      { field: 'password', message: 'is one of the most common passwords; choose another' },
    ]);
  });

  it('[AUT-02] refuses every password of the list, in any case, and nothing that is only close to one', () => {
    const common = 'is one of the most common passwords; choose another';
    const refused = (p: string) => passwordProblems(p).some((x) => x.message === common);
    const list = dictionary['passwords-common'];
    expect(list.filter((p) => !refused(p) || !refused(p.toUpperCase()))).toEqual([]);
    expect(refused('1qaz2wsx3ed')).toBe(false);
    expect(refused('1qaz2wsx3edc ')).toBe(false);
    expect(refused('')).toBe(false);
  });

  it('refuses the user own email as password', () => {
    expect(
      passwordProblems('asha.verma@greenwood.test', { email: 'Asha.Verma@greenwood.test' }),
    ).toHaveLength(1);
  });
});
