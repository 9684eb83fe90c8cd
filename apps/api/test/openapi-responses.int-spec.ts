import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadViewSchemas } from '../src/platform/http/api-view';
import { TestApp, bootTestApp } from './support/test-app';

interface ResponseObject {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}
interface Operation {
  operationId?: string;
  responses?: Record<string, ResponseObject>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every `$ref` string anywhere in a JSON value. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found);
  else if (value && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  return found;
}

/** A 2xx answer the document describes: a body with a schema (JSON or a file type), or 204 No Content. */
function declaresSuccess(op: Operation): boolean {
  return Object.entries(op.responses ?? {}).some(
    ([status, response]) =>
      /^2\d\d$/.test(status) &&
      (status === '204' || Object.values(response.content ?? {}).some((media) => media.schema !== undefined)),
  );
}

/**
 * Issue 15: every route declares its response in the OpenAPI document, as a view generated from the
 * @shala/contracts types (`@ApiView`), a file (`@ApiFile`) or no body (`@ApiNoBody`), and every reference
 * in the document resolves.
 */
describe('OpenAPI responses', () => {
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    t = await bootTestApp({ LOG_LEVEL: 'warn' });
    const res = await t.request({ url: '/api/docs-json' });
    expect(res.statusCode).toBe(200);
    doc = res.json<Document>();
  });
  afterAll(async () => {
    await t.close();
  });

  const operations = () =>
    Object.entries(doc.paths)
      .filter(([path]) => !path.includes('__probe'))
      .flatMap(([path, item]) =>
        METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, op: item[m]! })),
      );

  it('documents the routes of the running app', () => {
    expect(operations().length).toBeGreaterThan(100);
  });

  it('declares a 2xx response with a schema, a file type or no content for every operation', () => {
    expect(
      operations()
        .filter(({ op }) => !declaresSuccess(op))
        .map(({ key }) => key),
    ).toEqual([]);
  });

  it('documents the status each route really answers with (201 for a POST without @HttpCode)', () => {
    // Swagger names each operation <Controller>_<method>; the route's own status is its @HttpCode or
    // Nest's default.
    const statusOf = new Map<string, number>();
    const scanner = new MetadataScanner();
    for (const wrapper of t.app.get(DiscoveryService).getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, object>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name]!;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const code = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
        statusOf.set(`${wrapper.metatype.name}_${name}`, code ?? (method === RequestMethod.POST ? 201 : 200));
      }
    }
    // Versioned routes get a _v1 suffix.
    const handlerOf = (op: Operation) => (op.operationId ?? '').replace(/_v?\d+$/, '');
    const ops = operations();
    expect(ops.filter(({ op }) => !statusOf.has(handlerOf(op))).map(({ key }) => key)).toEqual([]);
    const wrong = ops
      .filter(({ op }) => declaresSuccess(op))
      .filter(({ op }) => !(String(statusOf.get(handlerOf(op))) in (op.responses ?? {})))
      .map(({ key, op }) => `${key} answers ${statusOf.get(handlerOf(op))}`);
    expect(wrong).toEqual([]);
  });

  it('resolves every $ref of the document to a component', () => {
    const schemas = doc.components?.schemas ?? {};
    const unresolved = [...new Set(refsIn(doc))].filter(
      (ref) => !(ref.startsWith('#/components/schemas/') && ref.slice(21) in schemas),
    );
    expect(unresolved).toEqual([]);
  });

  it('carries every view generated from @shala/contracts', () => {
    const schemas = doc.components?.schemas ?? {};
    expect(loadViewSchemas().views.filter((name) => !(name in schemas))).toEqual([]);
  });
});
