import type { INestApplication } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { dropNoOpEnhancers } from './no-op-enhancers';

type Factory = (options: { mount: boolean }) => unknown;

/**
 * nestjs-cls's own placeholder factories (ClsRootModule.clsGuardFactory / clsInterceptorFactory), as the
 * package ships them or after the bundle's minification (scripts/bundle.mjs: identifiers renamed, names
 * kept), evaluated so that the placeholders are the real objects either way.
 */
function clsPlaceholders(minified: boolean): { guard: unknown; interceptor: unknown } {
  const require = createRequire(__filename);
  const file = require.resolve('nestjs-cls/dist/src/lib/cls-module/cls-root.module.js');
  const text = readFileSync(file, 'utf8');
  const pick = (name: string) => {
    const start = text.indexOf(`static ${name}(options)`);
    const end = text.indexOf('\n    }\n', start);
    expect(start, `${name} in nestjs-cls`).toBeGreaterThan(0);
    return text.slice(start + 'static '.length, end + 6);
  };
  let code = `exports.f = (function () { return { ${pick('clsGuardFactory')}, ${pick('clsInterceptorFactory')} }; })();`;
  if (minified) {
    code = transformSync(code, {
      minifyWhitespace: true,
      minifyIdentifiers: true,
      keepNames: true,
      loader: 'js',
    }).code;
  }
  const exports: { f?: { clsGuardFactory: Factory; clsInterceptorFactory: Factory } } = {};
  new Function('exports', code)(exports);
  const factories = exports.f!;
  return {
    guard: factories.clsGuardFactory({ mount: false }),
    interceptor: factories.clsInterceptorFactory({ mount: false }),
  };
}

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

  it.each([false, true])(
    'drops the placeholders nestjs-cls makes, as shipped and as minified in the bundle (minified: %s)',
    (minified) => {
      const { guard, interceptor } = clsPlaceholders(minified);
      const source = String((interceptor as { intercept: unknown }).intercept).replace(/\s+/g, '');
      expect(source).toMatch(minified ? /^\((\w),(\w)\)=>\2\.handle\(\)$/ : /^\(_,next\)/);
      const { app, config } = appWith([guard], [interceptor]);
      expect(dropNoOpEnhancers(app)).toEqual({ guards: 1, interceptors: 1 });
      expect(config.getGlobalInterceptors()).toEqual([]);
    },
  );

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
      { intercept: (ctx: { handle(): unknown }, _next: unknown) => ctx.handle() },
    ];
    const { app, config } = appWith(real, interceptors);
    expect(dropNoOpEnhancers(app)).toEqual({ guards: 0, interceptors: 0 });
    expect(config.getGlobalGuards()).toHaveLength(4);
    expect(config.getGlobalInterceptors()).toHaveLength(2);
  });
});
