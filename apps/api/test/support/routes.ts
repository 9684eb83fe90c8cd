import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, VERSION_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AUTHENTICATED_ONLY,
  PUBLIC_ROUTE,
  REQUIRED_PERMISSION,
} from '../../src/platform/security/route-policy.decorators';

export interface DiscoveredRoute {
  /** e.g. `POST /api/v1/roles/:id/permissions` */
  route: string;
  handler: string;
  policy: string | null;
}

/** Every route the running app serves, with the policy it declares. */
export function discoverRoutes(app: NestFastifyApplication): DiscoveredRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = new MetadataScanner();
  return discovery.getControllers().flatMap((wrapper) => {
    const instance = wrapper.instance as object | undefined;
    const controllerClass = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!instance || !controllerClass) return [];
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    const base = String(Reflect.getMetadata(PATH_METADATA, controllerClass) ?? '').replace(/^\/|\/$/g, '');
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const version = Reflect.getMetadata(VERSION_METADATA, handler) as unknown;
      const prefix = typeof version === 'symbol' ? '/api' : '/api/v1';
      const full = [prefix, base, path.replace(/^\/|\/$/g, '')]
        .filter(Boolean)
        .join('/')
        .replace(/\/+/g, '/');
      const policyOf = (target: object) =>
        Reflect.getMetadata(PUBLIC_ROUTE, target)
          ? 'public'
          : ((Reflect.getMetadata(REQUIRED_PERMISSION, target) as string | undefined) ??
            (Reflect.getMetadata(AUTHENTICATED_ONLY, target) ? 'authenticated' : null));
      return [
        {
          route: `${method} ${full}`,
          handler: `${controllerClass.name}.${name}`,
          policy: policyOf(handler) ?? policyOf(controllerClass),
        },
      ];
    });
  });
}
