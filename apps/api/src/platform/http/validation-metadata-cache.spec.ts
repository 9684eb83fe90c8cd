import { IsInt, IsOptional, IsString, Max, MetadataStorage, validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Page {
  @IsOptional()
  @IsInt()
  @Max(100)
  limit?: number;
}

class Search extends Page {
  @IsString({ groups: ['search'] })
  q!: string;
}

function storages() {
  const fresh = new MetadataStorage();
  const cached = new MetadataStorage();
  cacheValidationMetadata(cached);
  // Both hold the same rules, as the global storage does once the decorators above have run.
  return { fresh, cached };
}

describe('cacheValidationMetadata', () => {
  it('answers the same rules, grouped the same way, for any class and options, as class-validator does', () => {
    const { fresh, cached } = storages();
    const real = (globalThis as unknown as { classValidatorMetadataStorage: MetadataStorage })
      .classValidatorMetadataStorage;
    for (const target of [Page, Search]) {
      for (const m of real.getTargetValidationMetadatas(target, '', true, false, undefined)) {
        fresh.addValidationMetadata(m);
        cached.addValidationMetadata(m);
      }
    }
    for (const target of [Page, Search, Object]) {
      const options: [boolean, boolean, string[] | undefined][] = [
        [false, false, undefined],
        [false, true, undefined],
        [false, false, ['search']],
        [true, false, []],
      ];
      for (const [always, strict, groups] of options) {
        const expected = fresh.getTargetValidationMetadatas(target, '', always, strict, groups);
        const first = cached.getTargetValidationMetadatas(target, '', always, strict, groups);
        const again = cached.getTargetValidationMetadatas(target, '', always, strict, groups);
        expect(first).toEqual(expected);
        expect(again).toBe(first);
        expect(cached.groupByPropertyName(again)).toEqual(fresh.groupByPropertyName(expected));
      }
    }
  });

  it('sees a rule added after the first lookup', () => {
    const { cached } = storages();
    expect(cached.getTargetValidationMetadatas(Page, '', false, false, undefined)).toEqual([]);
    const real = (globalThis as unknown as { classValidatorMetadataStorage: MetadataStorage })
      .classValidatorMetadataStorage;
    for (const m of real.getTargetValidationMetadatas(Page, '', false, false, undefined))
      cached.addValidationMetadata(m);
    expect(cached.getTargetValidationMetadatas(Page, '', false, false, undefined).length).toBeGreaterThan(0);
  });

  it('validates DTOs as before once the global storage caches', async () => {
    cacheValidationMetadata();
    cacheValidationMetadata(); // a second boot in the same process does not wrap twice
    const over = Object.assign(new Page(), { limit: 500 });
    expect((await validate(over)).map((e) => Object.keys(e.constraints ?? {}))).toEqual([['max']]);
    class Later {
      @IsInt()
      n!: number;
    }
    expect((await validate(Object.assign(new Later(), { n: 'x' })))[0]?.property).toBe('n');
  });
});
