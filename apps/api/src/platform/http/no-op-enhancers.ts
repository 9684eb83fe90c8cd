import type { INestApplication } from '@nestjs/common';
import type { ApplicationConfig } from '@nestjs/core';

const source = (f: unknown): string => (typeof f === 'function' ? String(f).replace(/\s+/g, '') : '');

/**
 * The placeholders nestjs-cls registers as APP_GUARD and APP_INTERCEPTOR when they are not mounted:
 * `() => true` and `(_, next) => next.handle()`, matched whatever their parameters are called. The built
 * API is minified (scripts/bundle.mjs renames local identifiers), so the interceptor reads
 * `(t,n)=>n.handle()` there; an exact source match dropped it in tests and kept it in production.
 */
const NO_OP_GUARD = /^\(\)=>(?:true|!0)$/;
const NO_OP_INTERCEPTOR = /^\(?[\w$]+,([\w$]+)\)?=>\1\.handle\(\)$/;

function isPlaceholder(enhancer: unknown, method: 'canActivate' | 'intercept', body: RegExp): boolean {
  if (typeof enhancer !== 'object' || enhancer === null) return false;
  if (Object.getPrototypeOf(enhancer) !== Object.prototype) return false;
  const keys = Object.keys(enhancer);
  return (
    keys.length === 1 &&
    keys[0] === method &&
    body.test(source((enhancer as Record<string, unknown>)[method]))
  );
}

/**
 * Removes the global guard and interceptor that only pass the request on: nestjs-cls registers
 * `{ canActivate: () => true }` and `{ intercept: (_, next) => next.handle() }` whenever its guard and
 * interceptor are not mounted (Shala mounts its middleware only). The interceptor alone made Nest run every
 * route through its RxJS interceptor chain (two AsyncResource binds, defer, mergeAll) for nothing, about a
 * tenth of a point read's CPU (issue 18). Only these exact placeholders go; any real guard or interceptor
 * stays. Call after NestFactory.create and before init (routes copy the global enhancers at init).
 */
export function dropNoOpEnhancers(app: INestApplication): { guards: number; interceptors: number } {
  // NestApplication keeps its ApplicationConfig private; the global enhancers live there.
  const config = (app as unknown as { config: ApplicationConfig }).config;
  const guards = config.getGlobalGuards();
  const interceptors = config.getGlobalInterceptors();
  const dropped = { guards: 0, interceptors: 0 };
  for (let i = guards.length - 1; i >= 0; i--)
    if (isPlaceholder(guards[i], 'canActivate', NO_OP_GUARD)) {
      guards.splice(i, 1);
      dropped.guards++;
    }
  for (let i = interceptors.length - 1; i >= 0; i--)
    if (isPlaceholder(interceptors[i], 'intercept', NO_OP_INTERCEPTOR)) {
      interceptors.splice(i, 1);
      dropped.interceptors++;
    }
  return dropped;
}
