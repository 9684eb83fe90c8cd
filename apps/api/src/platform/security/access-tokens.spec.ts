import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/app-config';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  AccessTokens,
  InvalidTokenError,
  VERIFIED_ACCESS_TOKENS_MAX,
} from './access-tokens';

const config = {
  secrets: { JWT_SECRET: 'a-test-secret-of-at-least-thirty-two-chars' },
} as unknown as AppConfig;
const claims = { sub: 'user-1', tid: 'tenant-1', sid: 'session-1' };

describe('access tokens remembered as verified', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('[AUT-03] answers the same claims for a token it verified before', async () => {
    const tokens = new AccessTokens(config);
    const token = await tokens.issueAccess(claims);
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    expect(tokens.rememberedCount).toBe(1);
  });

  it('[AUT-03] refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T09:00:00Z'));
    const tokens = new AccessTokens(config);
    const token = await tokens.issueAccess(claims);
    await tokens.verifyAccess(token);
    vi.setSystemTime(new Date(Date.parse('2026-12-07T09:00:00Z') + (ACCESS_TOKEN_TTL_SECONDS + 6) * 1000));
    await expect(tokens.verifyAccess(token)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(tokens.rememberedCount).toBe(0);
  });

  it('[AUT-03] never remembers a token that failed, and checks a changed token in full', async () => {
    const tokens = new AccessTokens(config);
    const token = await tokens.issueAccess(claims);
    await tokens.verifyAccess(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url')}.${signature}`;
    expect(payload).not.toBe(forged.split('.')[1]);
    await expect(tokens.verifyAccess(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(tokens.verifyAccess(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(tokens.rememberedCount).toBe(1);
  });

  it('remembers at most VERIFIED_ACCESS_TOKENS_MAX tokens, letting the oldest go', async () => {
    const tokens = new AccessTokens(config);
    const first = await tokens.issueAccess({ ...claims, sid: 'first' });
    await tokens.verifyAccess(first);
    for (let i = 0; i < VERIFIED_ACCESS_TOKENS_MAX; i++) {
      await tokens.verifyAccess(await tokens.issueAccess({ ...claims, sid: `s-${i}` }));
    }
    expect(tokens.rememberedCount).toBe(VERIFIED_ACCESS_TOKENS_MAX);
    // The first one left, and is verified in full again (still valid).
    expect(await tokens.verifyAccess(first)).toEqual({ ...claims, sid: 'first' });
    expect(tokens.rememberedCount).toBe(VERIFIED_ACCESS_TOKENS_MAX);
  });
});
