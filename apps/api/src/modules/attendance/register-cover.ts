import { Injectable } from '@nestjs/common';

/**
 * Whether a user covers a section's period on a date for an absent colleague (a confirmed substitution).
 * The timetable module, above attendance, implements it and plugs it in at start-up, so the register
 * accepts the substitute for that section, period and date only without attendance importing timetable.
 */
export interface RegisterCoverLookup {
  covers(userId: string, sectionId: string, date: string, period: number): Promise<boolean>;
}

@Injectable()
export class RegisterCover {
  private lookup: RegisterCoverLookup | null = null;

  use(lookup: RegisterCoverLookup): void {
    this.lookup = lookup;
  }

  /** False when no lookup is plugged in (no timetable module), or for daily registers (period 0). */
  async covers(userId: string | null, sectionId: string, date: string, period: number): Promise<boolean> {
    if (!this.lookup || !userId || period < 1) return false;
    return this.lookup.covers(userId, sectionId, date, period);
  }
}
