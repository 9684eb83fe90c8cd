import { readFileSync } from 'node:fs';
import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiResponse, OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ApiViewName, ApiViews, Page } from '@shala/contracts';

/** How a route answers a view: one of it (default), a cursor page of it, or a plain array of it. */
export interface ApiViewOptions {
  /** `Page<View>`: `{ items, nextCursor, total? }`. */
  page?: boolean;
  /** `View[]`. */
  array?: boolean;
  /** The success status: 200 unless the route answers 201 Created. */
  status?: 200 | 201 | 202;
  description?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a route's parameters are whatever its pipes produce
type Route<T> = (...args: any[]) => T | Promise<T>;
/** A method decorator that only fits a method returning T (or a promise of it). */
type ReturnsDecorator<T> = <F extends Route<T>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<F>,
) => void;
type ViewShape<K extends ApiViewName, O extends ApiViewOptions> = O extends { page: true }
  ? Page<ApiViews[K]>
  : O extends { array: true }
    ? ApiViews[K][]
    : ApiViews[K];

const ref = (name: ApiViewName) => ({ $ref: `#/components/schemas/${name}` });

/** The JSON Schema of a view as a route answers it (the components come from @shala/contracts). */
export function viewSchema(name: ApiViewName, options: ApiViewOptions = {}): Record<string, unknown> {
  if (options.page)
    return {
      type: 'object',
      properties: {
        items: { type: 'array', items: ref(name) },
        nextCursor: { type: 'string', nullable: true },
        total: { type: 'number' },
      },
      required: ['items', 'nextCursor'],
    };
  if (options.array) return { type: 'array', items: ref(name) };
  return ref(name);
}

/**
 * Declares the route's response in the OpenAPI document as a view of @shala/contracts, and makes the
 * compiler check the method returns that type (or a promise of it): the documented name and the real return
 * value cannot drift apart. `@ApiView('RegisterView')`, `@ApiView('StudentSummary', { page: true })`.
 */
export function ApiView<K extends ApiViewName, const O extends ApiViewOptions = {}>( // eslint-disable-line @typescript-eslint/no-empty-object-type -- no options: a single view
  name: K,
  options?: O,
): ReturnsDecorator<ViewShape<K, O>> {
  const status = options?.status ?? 200;
  const description = options?.description;
  const schema = viewSchema(name, options);
  return applyDecorators(
    status !== 200
      ? ApiResponse({ status, schema, ...(description ? { description } : {}) })
      : ApiOkResponse({ schema, ...(description ? { description } : {}) }),
  ) as never;
}

/**
 * A route that answers a file (CSV, PDF) rather than a JSON view: the document says its content type(s)
 * and that the body is binary. `@ApiFile('text/csv')`.
 */
export function ApiFile(contentType: string | string[], description?: string): MethodDecorator {
  const types = Array.isArray(contentType) ? contentType : [contentType];
  return applyDecorators(
    ApiProduces(...types),
    ApiOkResponse({
      description: description ?? `A ${types.join(' or ')} file`,
      content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
    }),
  );
}

/**
 * A route that answers 204 No Content: the document says so, with no body (pair with `@HttpCode(204)`).
 */
export function ApiNoBody(description = 'Done; no body'): MethodDecorator {
  return ApiResponse({ status: 204, description });
}

interface ViewSchemasFile {
  views: string[];
  schemas: Record<string, SchemaObject>;
}

/** Loads the schemas @shala/contracts generated from its types at build time (dist/view-schemas.json). */
export function loadViewSchemas(): ViewSchemasFile {
  return JSON.parse(
    readFileSync(require.resolve('@shala/contracts/view-schemas.json'), 'utf8'),
  ) as ViewSchemasFile;
}

/**
 * Adds the view schemas to the document's components. A name Nest already generated (from a DTO class)
 * would silently shadow one of them, so a clash is refused.
 */
export function addViewSchemas(document: OpenAPIObject, file: ViewSchemasFile = loadViewSchemas()): void {
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  for (const [name, schema] of Object.entries(file.schemas)) {
    if (name in schemas)
      throw new Error(`OpenAPI: the view schema ${name} clashes with a DTO schema of the same name`);
    schemas[name] = schema;
  }
}
