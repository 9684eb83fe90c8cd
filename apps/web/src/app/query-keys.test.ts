import { describe, expect, it } from 'vitest';
import { tenantKey } from './query-keys';

describe('tenant query keys', () => {
  it('puts the institution first so two schools never share a cache entry', () => {
    expect(tenantKey('inst-a', 'students', { cursor: null })).toEqual([
      'tenant',
      'inst-a',
      'students',
      { cursor: null },
    ]);
    expect(tenantKey('inst-a', 'students')).not.toEqual(tenantKey('inst-b', 'students'));
  });

  it('refuses an empty institution id instead of caching under no tenant', () => {
    expect(() => tenantKey('', 'students')).toThrow(/institution id/);
  });
});
