import { Injectable } from '@nestjs/common';
import {
  INSTITUTION_SLUG_PATTERN,
  InstitutionKind,
  InstitutionStatus,
  PLATFORM_SLUG,
} from '@shala/contracts';
import type { ErrorDetail } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { CurrentInstitution } from './current-institution';
import { Institution } from './entities/institution.entity';
import { InstitutionSlugTakenError, InvalidInstitutionError } from './institutions.errors';
import { InstitutionsRepository } from './institutions.repository';

export interface NewInstitution {
  slug: string;
  name: string;
  kind?: InstitutionKind;
  timeZone?: string;
  currency?: string;
}

const CURRENCY = /^[A-Z]{3}$/;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

@Injectable()
export class InstitutionsService {
  constructor(
    private readonly institutions: InstitutionsRepository,
    private readonly db: Database,
    private readonly current: CurrentInstitution,
  ) {}

  findBySlug(slug: string): Promise<Institution | null> {
    return this.institutions.findBySlug(slug.toLowerCase());
  }

  findById(id: string): Promise<Institution | null> {
    return this.institutions.findById(id);
  }

  listSchools(): Promise<Institution[]> {
    return this.institutions.listSchools();
  }

  /** Changes an institution's status; the next read of it, in any replica, sees the change at once. */
  async setStatus(id: string, status: Institution['status']): Promise<void> {
    await this.institutions.setStatus(id, status);
    await this.current.invalidate(id);
  }

  count(): Promise<number> {
    return this.institutions.count();
  }

  /** Creates an institution after checking slug, time zone and currency; the slug `platform` is reserved. */
  async create(input: NewInstitution): Promise<Institution> {
    const kind = input.kind ?? InstitutionKind.School;
    const slug = input.slug.trim().toLowerCase();
    const details: ErrorDetail[] = [];
    if (!INSTITUTION_SLUG_PATTERN.test(slug))
      details.push({ field: 'slug', message: 'use 2-63 lowercase letters, digits or hyphens' });
    if ((slug === PLATFORM_SLUG) !== (kind === InstitutionKind.Platform)) {
      details.push({ field: 'slug', message: `"${PLATFORM_SLUG}" is reserved for the platform` });
    }
    const name = input.name.trim();
    if (name.length < 2 || name.length > 200)
      details.push({ field: 'name', message: 'must be 2-200 characters' });
    const timeZone = input.timeZone ?? 'Asia/Kolkata';
    if (!isTimeZone(timeZone))
      details.push({ field: 'timeZone', message: 'must be an IANA time zone such as Asia/Kolkata' });
    const currency = input.currency ?? 'INR';
    if (!CURRENCY.test(currency))
      details.push({ field: 'currency', message: 'must be an ISO 4217 code such as INR' });
    if (details.length > 0) throw new InvalidInstitutionError(details);

    return this.db.transaction(async () => {
      if (await this.institutions.findBySlug(slug)) throw new InstitutionSlugTakenError(slug);
      const institution = {
        id: uuidv7(),
        slug,
        name,
        kind,
        timeZone,
        currency,
        status: InstitutionStatus.Active,
      };
      await this.institutions.insert(institution);
      return (await this.institutions.findById(institution.id))!;
    });
  }
}
