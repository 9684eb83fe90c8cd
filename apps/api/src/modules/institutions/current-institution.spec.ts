import { AsyncLocalStorage } from 'node:async_hooks';
import { InstitutionKind, InstitutionStatus } from '@shala/contracts';
import { ClsService } from 'nestjs-cls';
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../platform/config/app-config';
import { TenantCache } from '../../platform/cache/tenant-cache';
import type { InvalidationBus } from '../../platform/cache/invalidation-bus';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { CurrentInstitution } from './current-institution';
import type { Institution } from './entities/institution.entity';
import type { InstitutionsRepository } from './institutions.repository';

const GREENWOOD = 'a0000000-0000-7000-8000-000000000001';
const RIVERSIDE = 'a0000000-0000-7000-8000-000000000002';

function row(id: string, overrides: Partial<Institution> = {}): Institution {
  return {
    id,
    slug: id === GREENWOOD ? 'greenwood' : 'riverside',
    name: id === GREENWOOD ? 'Greenwood High' : 'Riverside School',
    kind: InstitutionKind.School,
    timeZone: id === GREENWOOD ? 'Asia/Kolkata' : 'America/New_York',
    currency: 'INR',
    status: InstitutionStatus.Active,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  };
}

function setup() {
  const rows = new Map([GREENWOOD, RIVERSIDE].map((id) => [id, row(id)]));
  const reads: string[] = [];
  const repository = {
    findById: (id: string) => {
      reads.push(id);
      return Promise.resolve(rows.get(id) ?? null);
    },
  } as unknown as InstitutionsRepository;
  const context = new RequestContext(new ClsService(new AsyncLocalStorage()));
  const cache = new TenantCache(context);
  const clock = new Clock({ env: 'test' } as AppConfig);
  const bus = { on: () => undefined, publish: () => Promise.resolve() } as unknown as InvalidationBus;
  const current = new CurrentInstitution(context, cache, repository, clock, bus);
  return { rows, reads, context, cache, clock, current };
}

describe('CurrentInstitution', () => {
  it('reads the row once for a whole request, concurrent reads included', async () => {
    const { reads, context, current } = setup();
    await context.runAsTenant(GREENWOOD, async () => {
      const [name, timeZone, currency, status] = await Promise.all([
        current.name(),
        current.timeZone(),
        current.currency(),
        current.status(),
      ]);
      expect({ name, timeZone, currency, status }).toEqual({
        name: 'Greenwood High',
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
        status: InstitutionStatus.Active,
      });
      await current.today();
    });
    expect(reads).toEqual([GREENWOOD]);
  });

  it('answers for the tenant in the context, never another one memoised earlier', async () => {
    const { reads, context, cache, current } = setup();
    await context.runAsTenant(GREENWOOD, async () => {
      expect(await current.name()).toBe('Greenwood High');
      await context.runAsTenant(RIVERSIDE, async () => {
        expect(await current.name()).toBe('Riverside School');
      });
      cache.invalidate('institution:');
      expect(await current.name()).toBe('Greenwood High');
    });
    expect(reads).toEqual([GREENWOOD, RIVERSIDE]);
  });

  it("gives today's date in the school's time zone", async () => {
    const { context, clock, current } = setup();
    clock.setForTests(new Date('2026-11-20T02:00:00Z')); // 07:30 in Kolkata, 21:00 the day before in New York
    expect(await context.runAsTenant(GREENWOOD, () => current.today())).toBe('2026-11-20');
    expect(await context.runAsTenant(RIVERSIDE, () => current.today())).toBe('2026-11-19');
  });

  it('sees a suspension at once after invalidate, in the same request and in later ones', async () => {
    const { rows, reads, context, current } = setup();
    await context.runAsTenant(GREENWOOD, async () => {
      expect(await current.status()).toBe(InstitutionStatus.Active);
      rows.set(GREENWOOD, row(GREENWOOD, { status: InstitutionStatus.Suspended }));
      expect(await current.status()).toBe(InstitutionStatus.Active); // memoised until invalidated
      await current.invalidate(GREENWOOD);
      expect(await current.status()).toBe(InstitutionStatus.Suspended);
    });
    expect(await context.runAsTenant(GREENWOOD, () => current.status())).toBe(InstitutionStatus.Suspended);
    expect(reads).toEqual([GREENWOOD, GREENWOOD]);
  });

  it('keeps serving later requests from the tenant cache without reading the row again', async () => {
    const { reads, context, current } = setup();
    await context.runAsTenant(GREENWOOD, () => current.name());
    await context.runAsTenant(GREENWOOD, () => current.currency());
    expect(reads).toEqual([GREENWOOD]);
  });

  it('answers null for a tenant without an institution, and get() refuses', async () => {
    const { context, current } = setup();
    const missing = 'a0000000-0000-7000-8000-00000000dead';
    await context.runAsTenant(missing, async () => {
      expect(await current.find()).toBeNull();
      await expect(current.get()).rejects.toThrow('The tenant has no institution');
    });
  });

  it('refuses to read outside a tenant scope', async () => {
    const { current } = setup();
    await expect(current.find()).rejects.toThrow(/No tenant in the request context/);
  });
});
