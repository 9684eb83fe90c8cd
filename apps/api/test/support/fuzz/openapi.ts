/** The part of an OpenAPI 3 document the fuzzer reads: operations, their parameters and JSON bodies. */
export interface SchemaObject {
  type?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  enum?: unknown[];
  $ref?: string;
  allOf?: SchemaObject[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: SchemaObject }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FuzzOperation {
  /** e.g. `PUT /api/v1/students/{id}/account` */
  key: string;
  method: HttpMethod;
  path: string;
  pathParams: ParameterObject[];
  queryParams: ParameterObject[];
  headerParams: ParameterObject[];
  /** The JSON body schema with every $ref and allOf resolved, or null when the operation declares none. */
  body: SchemaObject | null;
}

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Inlines $ref and merges allOf, so generators see plain object schemas. */
export function resolveSchema(doc: OpenApiDocument, schema: SchemaObject, depth = 0): SchemaObject {
  if (depth > 20) return { type: 'object' };
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`OpenAPI document: unresolved ${schema.$ref}`);
    return resolveSchema(doc, { ...target, ...(schema.nullable ? { nullable: true } : {}) }, depth + 1);
  }
  let out: SchemaObject = { ...schema };
  if (schema.allOf) {
    delete out.allOf;
    for (const part of schema.allOf) {
      const resolved = resolveSchema(doc, part, depth + 1);
      out = {
        ...resolved,
        ...out,
        type: resolved.type ?? out.type,
        properties: { ...resolved.properties, ...out.properties },
        required: [...(resolved.required ?? []), ...(out.required ?? [])],
      };
    }
  }
  if (out.properties) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([k, v]) => [k, resolveSchema(doc, v, depth + 1)]),
    );
  }
  if (out.items) out.items = resolveSchema(doc, out.items, depth + 1);
  return out;
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method.toUpperCase() as HttpMethod))
      .map(([method, op]) => {
        const params = op.parameters ?? [];
        const json = op.requestBody?.content['application/json']?.schema;
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase() as HttpMethod,
          path,
          pathParams: params.filter((p) => p.in === 'path'),
          queryParams: params.filter((p) => p.in === 'query'),
          headerParams: params.filter((p) => p.in === 'header'),
          body: json ? resolveSchema(doc, json) : null,
        };
      }),
  );
}

/** `/api/v1/students/{id}` → `/api/v1/students/:id`, the form the route discovery reports. */
export function expressPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}
