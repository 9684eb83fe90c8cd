import { describe, expect, it } from 'vitest';
import {
  likeContains,
  likeStartsWith,
  nameSearchOf,
  normaliseSearchText,
  searchKeyOf,
} from './student-search-key';

describe('student search keys', () => {
  it('drops accents, case and extra spaces, whether the accent is composed or not', () => {
    expect(normaliseSearchText('  JOSÉ   Fernández ')).toBe('jose fernandez');
    expect(normaliseSearchText('Jose\u0301')).toBe('jose');
    expect(normaliseSearchText('Zoë')).toBe('zoe');
  });

  it('keeps Devanagari vowel signs, so different names stay different', () => {
    expect(normaliseSearchText('राम')).not.toBe(normaliseSearchText('रम'));
  });

  it('matches a name in either order and the admission number', () => {
    expect(searchKeyOf('Asha', 'Verma', 'GW-2026-001')).toBe('asha verma | verma asha | gw-2026-001');
    expect(nameSearchOf('Élan', 'Roy')).toBe('elan roy');
  });

  it('escapes LIKE wildcards and its escape character', () => {
    expect(likeContains('10%_a!')).toBe('%10!%!_a!!%');
    expect(likeStartsWith('GW_1')).toBe('GW!_1%');
  });
});
