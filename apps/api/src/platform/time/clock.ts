import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** The one source of "now", so rules that depend on the time (attendance locks, due dates) can be tested. */
@Injectable()
export class Clock {
  private fixed: Date | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Test profile only: pins the time (null releases it). */
  setForTests(at: Date | null): void {
    if (this.config.env !== 'test')
      throw new Error('Clock.setForTests is only available in the test profile');
    this.fixed = at;
  }
}
