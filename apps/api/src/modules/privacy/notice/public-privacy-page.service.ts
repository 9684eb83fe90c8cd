import { Injectable } from '@nestjs/common';
import { InstitutionKind, InstitutionStatus, type PublicPrivacyPage } from '@shala/contracts';
import { NotFoundError } from '../../../platform/errors/domain-error';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { InstitutionsService } from '../../institutions/institutions.service';
import { PrivacyTransparencyService } from '../privacy-transparency.service';
import { publishedView } from './privacy-notice.service';
import { PrivacyNoticesRepository } from './privacy-notice.repository';

/** Slugs are short lowercase words; anything else cannot be a school and is not looked up. */
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The public privacy page of one school (no sign-in): its notice in force, its records of processing and
 * its sub-processors (PRV-05). It names no person and no user: the notice is the school's own text, the
 * rest is generated from the data classification and the configured providers. The hosting entry leaves
 * out where the database runs (an address is of no use to a reader and of use to an attacker).
 */
@Injectable()
export class PublicPrivacyPageService {
  constructor(
    private readonly institutions: InstitutionsService,
    private readonly context: RequestContext,
    private readonly notices: PrivacyNoticesRepository,
    private readonly transparency: PrivacyTransparencyService,
  ) {}

  async page(slug: string): Promise<PublicPrivacyPage> {
    const school = SLUG.test(slug) ? await this.institutions.findBySlug(slug) : null;
    if (!school || school.kind !== InstitutionKind.School || school.status !== InstitutionStatus.Active)
      throw new NotFoundError('The school');
    return this.context.runAsTenant(school.id, async () => {
      const [notice, subProcessors, recordsOfProcessing] = await Promise.all([
        this.notices.current(),
        this.transparency.subProcessors(),
        this.transparency.recordsOfProcessing(),
      ]);
      return {
        school: { slug: school.slug, name: school.name },
        notice: notice ? publishedView(notice) : null,
        subProcessors: {
          items: subProcessors.items.map((s) =>
            s.service === 'hosting' ? { ...s, name: 'The installation operator' } : s,
          ),
        },
        recordsOfProcessing,
      };
    });
  }
}
