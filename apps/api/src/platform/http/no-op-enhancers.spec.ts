import type { INestApplication } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { dropNoOpEnhancers } from './no-op-enhancers';

function appWith(guards: unknown[], interceptors: unknown[]) {
  const config = new ApplicationConfig();
  for (const g of guards) config.addGlobalGuard(g as never);
  for (const i of interceptors) config.addGlobalInterceptor(i as never);
  return { app: { config } as unknown as INestApplication, config };
}

describe('dropNoOpEnhancers', () => {
  it("drops nestjs-cls's pass-through guard and interceptor", () => {
    const { app, config } = appWith(
      [{ canActivate: () => true }],
      [{ intercept: (_: unknown, next: { handle(): unknown }) => next.handle() }],
    );
    expect(dropNoOpEnhancers(app)).toEqual({ guards: 1, interceptors: 1 });
    expect(config.getGlobalGuards()).toEqual([]);
    expect(config.getGlobalInterceptors()).toEqual([]);
  });

  it('keeps every guard or interceptor that does anything else', () => {
    class AccessGuard {
      canActivate() {
        return true;
      }
    }
    const real = [
      new AccessGuard(),
      { canActivate: () => false },
      { canActivate: () => true, other: 1 },
      { canActivate: (ctx: unknown) => Boolean(ctx) },
    ];
    const interceptors = [
      { intercept: (_: unknown, next: { handle(): unknown }) => ({ wrapped: next.handle() }) },
    ];
    const { app, config } = appWith(real, interceptors);
    expect(dropNoOpEnhancers(app)).toEqual({ guards: 0, interceptors: 0 });
    expect(config.getGlobalGuards()).toHaveLength(4);
    expect(config.getGlobalInterceptors()).toHaveLength(1);
  });
});
