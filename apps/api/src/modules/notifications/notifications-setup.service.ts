import { Injectable } from '@nestjs/common';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { ConsentsService } from './consents.service';
import { CONSENT_PURPOSES } from './entities/consent.entity';
import { TemplatesService } from './templates.service';

/** What the demo seeder calls for each school: default templates, and the demo family's email opt-in. */
@Injectable()
export class NotificationsSetup {
  constructor(
    private readonly templates: TemplatesService,
    private readonly consents: ConsentsService,
    private readonly crypto: FieldCrypto,
  ) {}

  /**
   * Stores the built-in English templates for the current school (editable there), and records that the
   * given demo guardians opted into email for every purpose (source school_office), so the demo shows a
   * family receiving absence alerts while every other guardian, never asked, receives nothing (PRV-01).
   */
  async seedSchool(options: { optedInGuardianIds?: string[] } = {}): Promise<void> {
    await this.crypto.ready();
    await this.templates.installDefaults();
    for (const guardianId of options.optedInGuardianIds ?? [])
      await this.consents.changeAsStaff(
        guardianId,
        CONSENT_PURPOSES.map((purpose) => ({ channel: 'email' as const, purpose, granted: true })),
        'school_office',
        'demo data: opted in at admission',
      );
  }
}
