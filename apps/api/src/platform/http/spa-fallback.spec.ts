import { describe, expect, it } from 'vitest';
import { acceptedEncodings } from './spa-fallback';

describe('acceptedEncodings', () => {
  it('allows the codings a browser names, unless their weight is zero', () => {
    const accepts = acceptedEncodings('gzip, deflate, br;q=0.8, zstd;q=0');
    expect(['gzip', 'deflate', 'br', 'zstd'].map(accepts)).toEqual([true, true, true, false]);
  });

  it('reads * as any coding not named, and no header as none', () => {
    expect(acceptedEncodings('*;q=0.5, gzip;q=0')('br')).toBe(true);
    expect(acceptedEncodings('*;q=0.5, gzip;q=0')('gzip')).toBe(false);
    expect(acceptedEncodings(undefined)('gzip')).toBe(false);
    expect(acceptedEncodings('')('br')).toBe(false);
  });

  it('ignores case and spaces, and reads a header sent twice', () => {
    expect(acceptedEncodings(' GZIP ; Q=1 ')('gzip')).toBe(true);
    expect(acceptedEncodings(['gzip;q=0', 'br'])('br')).toBe(true);
  });
});
