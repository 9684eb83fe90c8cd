import { NestFactory } from '@nestjs/core';
import { DemoSeeder } from '../../src/seed/demo.seeder';
import { SeedModule } from '../../src/seed/seed.module';
import type { TestApp } from './test-app';

/** Seeds the demo (every school, every feature) into the test app's database, as `cli seed --demo` does. */
export async function seedDemo(t: TestApp): Promise<void> {
  const seedApp = await NestFactory.createApplicationContext(SeedModule.forRoot(t.config), { logger: false });
  try {
    await seedApp.get(DemoSeeder).seedDemo({ ifEmpty: false });
  } finally {
    await seedApp.close();
  }
}
