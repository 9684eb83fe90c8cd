import { describe, expect, it } from 'vitest';
import { addressKey } from './sign-in-limits';

describe('sign-in limits: the key of an address', () => {
  it('[AUT-07] keys IPv4 as is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3:8d3::/64');
    // Every address of one subscriber's /64 is one key, however it is written.
    expect(addressKey('2001:0db8:85a3:08d3::1')).toBe('2001:db8:85a3:8d3::/64');
    expect(addressKey('2001:db8:85a3:8d3:ffff::')).toBe('2001:db8:85a3:8d3::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });
});
