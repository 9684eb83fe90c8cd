import { describe, expect, it } from 'vitest';
import { requestLogLevel } from './logging.module';

describe('requestLogLevel', () => {
  it('logs answers at info, 4xx at warn and failures at error when the level lets them through', () => {
    const levelOf = requestLogLevel('info');
    expect(levelOf(200)).toBe('info');
    expect(levelOf(404)).toBe('warn');
    expect(levelOf(503)).toBe('error');
    expect(levelOf(200, new Error('boom'))).toBe('error');
  });

  it('skips the request line entirely when the configured level would drop it', () => {
    const levelOf = requestLogLevel('warn');
    expect(levelOf(200)).toBe('silent');
    expect(levelOf(409)).toBe('warn');
    expect(levelOf(500)).toBe('error');
    expect(requestLogLevel('error')(404)).toBe('silent');
  });
});
