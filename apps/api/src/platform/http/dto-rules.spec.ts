import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const modules = join(__dirname, '..', '..', 'modules');

/** Every DTO file of every module, imported so its decorators register. */
async function loadAllDtos(): Promise<void> {
  for (const mod of readdirSync(modules)) {
    let files: string[] = [];
    try {
      files = readdirSync(join(modules, mod, 'dto'));
    } catch {
      continue;
    }
    for (const file of files.filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
      await import(join(modules, mod, 'dto', file));
    }
  }
}

interface Meta {
  type: string;
  name?: string;
  propertyName: string;
}

describe('DTO rules', () => {
  it('[APP-01] a required nested object or list is declared defined, so a missing one answers 400, not 500', async () => {
    await loadAllDtos();
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<object, Meta[]> };
    expect(storage.validationMetadatas.size).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const [target, metas] of storage.validationMetadatas) {
      const byProperty = new Map<string, Meta[]>();
      for (const m of metas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
      for (const [property, list] of byProperty) {
        const nested = list.some((m) => m.type === 'nestedValidation');
        const optional = list.some((m) => m.type === 'conditionalValidation');
        const defined =
          list.some((m) => m.type === 'isDefined') ||
          list.some((m) => m.type === 'customValidation' && /^is(Object|Array)$/i.test(m.name ?? ''));
        if (nested && !optional && !defined)
          offenders.push(`${(target as { name: string }).name}.${property}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
