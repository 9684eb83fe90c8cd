import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHENTICATED_ONLY,
  PUBLIC_ROUTE,
  REQUIRED_PERMISSION,
} from '../src/platform/security/route-policy.decorators';
import { TestApp, bootTestApp } from './support/test-app';

interface RouteInfo {
  route: string;
  policy: string | null;
}

/** AZ-01: deny by default. Every route of the running app declares a permission or is explicitly public. */
describe('route policies', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  beforeAll(async () => {
    t = await bootTestApp();
    const discovery = t.app.get(DiscoveryService);
    const scanner = new MetadataScanner();
    routes = discovery.getControllers().flatMap((wrapper) => {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) return [];
      const controllerClass = wrapper.metatype;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      return scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name] as object;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) return [];
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const policyOf = (target: object) =>
          Reflect.getMetadata(PUBLIC_ROUTE, target)
            ? 'public'
            : ((Reflect.getMetadata(REQUIRED_PERMISSION, target) as string | undefined) ??
              (Reflect.getMetadata(AUTHENTICATED_ONLY, target) ? 'authenticated' : null));
        return [
          {
            route: `${method} ${controllerClass.name}.${name}`,
            policy: policyOf(handler) ?? policyOf(controllerClass),
          },
        ];
      });
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the routes of the running app', () => {
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining(['GET HealthController.live', 'GET HealthController.ready']),
    );
  });

  it('[AZ-01] has no route without @RequirePermission, @Authenticated or @Public', () => {
    expect(routes.filter((r) => r.policy === null).map((r) => r.route)).toEqual([]);
  });
});
