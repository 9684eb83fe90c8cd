import { Injectable } from '@nestjs/common';
import type { InstitutionProfile, UpdateInstitutionProfile } from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { NotFoundError } from '../../platform/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { InstitutionProfiles, LogoFile } from '../institutions/institution-profiles.service';

/**
 * The settings page's writes to the school profile and logo, each audited in the same transaction (the
 * institutions module sits below audit, so the audit lives here).
 */
@Injectable()
export class SchoolSettingsService {
  constructor(
    private readonly db: Database,
    private readonly profiles: InstitutionProfiles,
    private readonly audit: AuditService,
  ) {}

  profile(): Promise<InstitutionProfile> {
    return this.profiles.get();
  }

  async updateProfile(input: UpdateInstitutionProfile): Promise<InstitutionProfile> {
    return this.db.transaction(async () => {
      const { before, after, changed } = await this.profiles.update(input);
      if (changed.length > 0)
        await this.audit.record({
          action: 'institution.profile.update',
          targetType: 'institution',
          details: Object.fromEntries(
            changed.map((k) => [
              k,
              { from: before[k as keyof InstitutionProfile], to: after[k as keyof InstitutionProfile] },
            ]),
          ),
        });
      return this.profiles.get();
    });
  }

  async setLogo(bytes: Buffer): Promise<InstitutionProfile> {
    return this.db.transaction(async () => {
      const { before, after } = await this.profiles.setLogo(bytes);
      await this.audit.record({
        action: 'institution.logo.update',
        targetType: 'institution',
        details: {
          logo: { from: before?.etag ?? null, to: after.etag },
          contentType: after.contentType,
          bytes: after.bytes,
        },
      });
      return this.profiles.get();
    });
  }

  async removeLogo(): Promise<void> {
    await this.db.transaction(async () => {
      const before = await this.profiles.removeLogo();
      if (!before) throw new NotFoundError('The logo');
      await this.audit.record({
        action: 'institution.logo.remove',
        targetType: 'institution',
        details: { logo: { from: before.etag, to: null } },
      });
    });
  }

  /** The logo's bytes; 404 when the school has none. */
  async logo(): Promise<LogoFile> {
    const logo = await this.profiles.logo();
    if (!logo) throw new NotFoundError('The logo');
    return logo;
  }

  logoEtag(): Promise<string | null> {
    return this.profiles.logoEtag();
  }
}
