#!/usr/bin/env node
// Writes dist/view-schemas.json: an OpenAPI 3.0 schema for every view the API answers with, generated from
// the TypeScript types in src/ (the `ApiViews` map in src/views.ts), so the document cannot drift from the
// types both sides compile against. Run by `build`, after tsc.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const generated = createGenerator({
  path: join(root, 'src/views.ts'),
  tsconfig: join(root, 'tsconfig.json'),
  type: 'ApiViews',
  expose: 'export',
  topRef: true,
  jsDoc: 'extended',
  skipTypeCheck: true,
  additionalProperties: true,
}).createSchema('ApiViews');

const definitions = generated.definitions ?? {};
const viewsMap = definitions.ApiViews;
if (!viewsMap?.properties) throw new Error('view-schemas: ApiViews is not an object type');

/** OpenAPI component names allow [A-Za-z0-9._-]; generic instances like Partial<X> get a safe name. */
const safeName = (name) =>
  decodeURIComponent(name)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+$/, '');

/** JSON Schema (draft 7) as the generator writes it, to the OpenAPI 3.0 dialect Swagger UI reads. */
function toOpenApi(schema) {
  if (Array.isArray(schema)) return schema.map(toOpenApi);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === '$comment') continue;
    if (key === '$ref') out.$ref = `#/components/schemas/${safeName(value.replace('#/definitions/', ''))}`;
    else if (key === 'const') out.enum = [value];
    else if (key === 'properties' || key === 'definitions')
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toOpenApi(v)]));
    else out[key] = toOpenApi(value);
  }
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== 'null');
    if (types.length < out.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      out.anyOf = types.map((type) => ({ type }));
    }
  }
  for (const key of ['anyOf', 'oneOf']) {
    if (!Array.isArray(out[key])) continue;
    const rest = out[key].filter((s) => !(s.type === 'null' && Object.keys(s).length === 1));
    if (rest.length === out[key].length) continue;
    out.nullable = true;
    if (rest.length === 1 && Object.keys(out).length === 2) {
      delete out[key];
      if (rest[0].$ref) out.allOf = [rest[0]];
      else Object.assign(out, rest[0]);
    } else out[key] = rest;
  }
  if (out.enum && out.enum.includes(null)) {
    out.enum = out.enum.filter((v) => v !== null);
    out.nullable = true;
  }
  return out;
}

const schemas = {};
for (const [name, definition] of Object.entries(definitions)) {
  if (name === 'ApiViews') continue;
  schemas[safeName(name)] = toOpenApi(definition);
}
// The decorator names a view by its key in ApiViews: each key must be the name of its own component.
for (const [key, property] of Object.entries(viewsMap.properties)) {
  if (property.$ref !== `#/definitions/${key}`)
    throw new Error(`view-schemas: ApiViews.${key} must be the exported type named ${key}`);
}

const out = join(root, 'dist/view-schemas.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ views: Object.keys(viewsMap.properties), schemas }, null, 2)}\n`);
console.log(
  `view-schemas: ${Object.keys(viewsMap.properties).length} views, ${Object.keys(schemas).length} schemas`,
);
