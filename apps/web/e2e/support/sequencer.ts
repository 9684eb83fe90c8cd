import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Browser test files that wait on the demo's clock: privacy.e2e.ts erases the demo student once the seeded
 * erasure's notice has run out (3 minutes after seeding, ERASURE_DEMO_NOTICE_LEFT_MS of the API's erasure
 * demo seeder). Vitest runs the slowest (or, without timings, the largest) file first, so this file used to
 * start seconds after seeding and sat out the whole notice (~170 s). Run last, the other files take that
 * time instead; run alone, it still waits for the notice and then erases.
 */
export const WAITS_ON_DEMO_CLOCK = [/[\\/]privacy\.e2e\.ts$/];

/** Vitest's own order (slowest or largest first), with the files that wait on the demo's clock last. */
export default class DemoClockLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const waits = (spec: TestSpecification) => WAITS_ON_DEMO_CLOCK.some((re) => re.test(spec.moduleId));
    return [...sorted.filter((spec) => !waits(spec)), ...sorted.filter(waits)];
  }
}
