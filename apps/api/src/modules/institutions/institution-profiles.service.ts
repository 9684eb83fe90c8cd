import { Injectable } from '@nestjs/common';
import { INSTITUTION_LOGO_MAX_BYTES } from '@shala/contracts';
import type {
  ErrorDetail,
  InstitutionLogoInfo,
  InstitutionLogoType,
  InstitutionProfile,
  UpdateInstitutionProfile,
} from '@shala/contracts';
import { createHash } from 'node:crypto';
import { TenantCache } from '../../platform/cache/tenant-cache';
import { Database } from '../../platform/database/database';
import { RequestContext } from '../../platform/tenancy/request-context';
import { CurrentInstitution } from './current-institution';
import type { InstitutionLogo, InstitutionProfileRow } from './entities/institution-profile.entity';
import {
  InstitutionProfilesRepository,
  InstitutionLogosRepository,
  LogoInfoRow,
} from './institution-profile.repository';
import { InvalidInstitutionError, InvalidLogoError, LogoTooLargeError } from './institutions.errors';
import { InstitutionsRepository } from './institutions.repository';
import { LOGO_MAX_SIDE, LOGO_MIN_SIDE, pngDataIntact, sniffLogo } from './logo-image';
import { newPdfDocument } from '../../platform/pdf/pdf-document';

type ProfileFields = Omit<InstitutionProfileRow, 'tenantId'>;

const EMPTY: ProfileFields = {
  addressLine1: '',
  addressLine2: '',
  city: '',
  state: '',
  postalCode: '',
  phone: '',
  email: '',
  website: '',
  receiptFooter: '',
};

/** Longest value of each profile field (the columns' lengths). */
const MAX_LENGTH: Record<keyof ProfileFields, number> = {
  addressLine1: 200,
  addressLine2: 200,
  city: 100,
  state: 100,
  postalCode: 12,
  phone: 32,
  email: 254,
  website: 200,
  receiptFooter: 500,
};

const PATTERNS: Partial<Record<keyof ProfileFields, { re: RegExp; message: string }>> = {
  postalCode: {
    re: /^[A-Za-z0-9][A-Za-z0-9 -]{2,10}$/,
    message: 'must be a PIN or postal code such as 560001',
  },
  phone: { re: /^\+?[0-9][0-9 ()-]{5,30}$/, message: 'must be a phone number such as +91 80 2345 6789' },
  email: { re: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: 'must be an email address' },
  website: { re: /^https?:\/\/[^\s/$.?#][^\s]*$/i, message: 'must be a web address starting with https://' },
};

const CACHE_KEY = 'institution:profile';

/** Control characters other than tab and newline (which a receipt footer may hold). */
function hasControlCharacters(value: string): boolean {
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ch !== '\t' && ch !== '\n') || code === 0x7f) return true;
  }
  return false;
}

/** PDFKit's image reader (not in its type definitions): parses the image's header and segments. */
type ImageOpener = { openImage(src: Buffer): unknown };

/**
 * Whether PDFKit (receipts, report cards) can read the image: a header that sniffs right is not enough.
 * PNG pixel data is inflated here too (PDFKit inflates it where a failure would crash the process).
 */
function pdfCanEmbed(bytes: Buffer, contentType: InstitutionLogoType): boolean {
  if (contentType === 'image/png' && !pngDataIntact(bytes)) return false;
  try {
    (newPdfDocument({ autoFirstPage: false }) as unknown as ImageOpener).openImage(bytes);
    return true;
  } catch {
    return false;
  }
}

export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The stored logo, what its ETag is, and its bytes for a PDF or an HTTP answer. */
export type LogoFile = Pick<InstitutionLogo, 'contentType' | 'data' | 'sha256'>;

export interface Letterhead {
  name: string;
  address: string | null;
  contact: string | null;
  logo: Buffer | null;
}

export interface ProfileChange {
  before: InstitutionProfile;
  after: InstitutionProfile;
  /** Names of the fields whose value changed. */
  changed: string[];
}

function logoInfo(row: LogoInfoRow | null): InstitutionLogoInfo | null {
  return row
    ? {
        contentType: row.contentType,
        width: row.width,
        height: row.height,
        bytes: row.byteLength,
        etag: row.sha256,
      }
    : null;
}

/**
 * The current school's profile (name, time zone, address, contact, receipt footer) and logo: read by the
 * settings page, report cards and receipts; changed by the settings page (which audits each change).
 */
@Injectable()
export class InstitutionProfiles {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly cache: TenantCache,
    private readonly current: CurrentInstitution,
    private readonly institutions: InstitutionsRepository,
    private readonly profiles: InstitutionProfilesRepository,
    private readonly logos: InstitutionLogosRepository,
  ) {}

  /** The profile, read once per few seconds per tenant (the tenant cache). */
  get(): Promise<InstitutionProfile> {
    return this.cache.get(CACHE_KEY, () => this.load());
  }

  private async load(): Promise<InstitutionProfile> {
    const [institution, row, logo] = await Promise.all([
      this.current.get(),
      this.profiles.current(),
      this.logos.info(),
    ]);
    const fields: ProfileFields = { ...EMPTY };
    if (row) for (const key of Object.keys(EMPTY) as (keyof ProfileFields)[]) fields[key] = row[key];
    return { name: institution.name, timeZone: institution.timeZone, ...fields, logo: logoInfo(logo) };
  }

  /** Checks every sent field (400 naming each bad one), then saves them in one transaction. */
  async update(input: UpdateInstitutionProfile): Promise<ProfileChange> {
    const patch = this.validate(input);
    return this.db.transaction(async () => {
      const before = await this.load();
      const after: InstitutionProfile = { ...before, ...patch };
      const changed = Object.keys(patch).filter(
        (k) => before[k as keyof InstitutionProfile] !== after[k as keyof InstitutionProfile],
      );
      if (changed.includes('name') || changed.includes('timeZone')) {
        await this.institutions.setNameAndTimeZone(this.context.tenantId, after.name, after.timeZone);
        await this.current.invalidate(this.context.tenantId);
      }
      if (changed.some((k) => k in EMPTY)) {
        const row = { ...EMPTY };
        for (const key of Object.keys(EMPTY) as (keyof ProfileFields)[]) row[key] = after[key];
        await this.profiles.save(row);
      }
      this.cache.invalidate(CACHE_KEY);
      return { before, after, changed };
    });
  }

  private validate(input: UpdateInstitutionProfile): UpdateInstitutionProfile {
    const details: ErrorDetail[] = [];
    const patch: Record<string, string> = {};
    for (const [key, raw] of Object.entries(input)) {
      if (raw === undefined) continue;
      if (typeof raw !== 'string') {
        details.push({ field: key, message: 'must be a string' });
        continue;
      }
      const value = key === 'receiptFooter' ? raw.trim() : raw.trim().replace(/\s+/g, ' ');
      if (key === 'name') {
        if (value.length < 2 || value.length > 200)
          details.push({ field: key, message: 'must be 2-200 characters' });
      } else if (key === 'timeZone') {
        if (!isTimeZone(value))
          details.push({ field: key, message: 'must be an IANA time zone such as Asia/Kolkata' });
      } else if (key in MAX_LENGTH) {
        const max = MAX_LENGTH[key as keyof ProfileFields];
        const pattern = PATTERNS[key as keyof ProfileFields];
        if (value.length > max) details.push({ field: key, message: `must be at most ${max} characters` });
        else if (value !== '' && pattern && !pattern.re.test(value))
          details.push({ field: key, message: pattern.message });
        else if (hasControlCharacters(value))
          details.push({ field: key, message: 'must not contain control characters' });
      } else {
        details.push({ field: key, message: 'is not a profile field' });
      }
      patch[key] = value;
    }
    if (details.length > 0) throw new InvalidInstitutionError(details);
    return patch as UpdateInstitutionProfile;
  }

  /**
   * The printed heading of receipts, report cards, hall tickets and transcripts: name, one address line,
   * one contact line (null when not given) and the logo's bytes (null when none).
   */
  async letterhead(): Promise<Letterhead> {
    const [profile, logo] = await Promise.all([this.get(), this.logos.current()]);
    const place = [profile.city, [profile.state, profile.postalCode].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ');
    const address = [profile.addressLine1, profile.addressLine2, place].filter(Boolean).join(', ');
    const contact = [
      profile.phone && `Phone: ${profile.phone}`,
      profile.email && `Email: ${profile.email}`,
      profile.website,
    ]
      .filter(Boolean)
      .join('  |  ');
    return {
      name: profile.name,
      address: address || null,
      contact: contact || null,
      logo: logo?.data ?? null,
    };
  }

  /** The letterhead as report cards, hall tickets and transcripts print it: address and contact on two lines. */
  async heading(): Promise<{ name: string; address: string | null; logo: Buffer | null }> {
    const l = await this.letterhead();
    return { name: l.name, address: [l.address, l.contact].filter(Boolean).join('\n') || null, logo: l.logo };
  }

  /** The logo's bytes, or null when the school has none. */
  logo(): Promise<LogoFile | null> {
    return this.logos.current();
  }

  /** The logo's ETag without reading its bytes (for If-None-Match). */
  async logoEtag(): Promise<string | null> {
    return (await this.get()).logo?.etag ?? null;
  }

  /** Stores a new logo after checking what its bytes really are: PNG or JPEG, <= 256 KB, sane dimensions. */
  async setLogo(bytes: Buffer): Promise<{ before: InstitutionLogoInfo | null; after: InstitutionLogoInfo }> {
    if (bytes.length > INSTITUTION_LOGO_MAX_BYTES) throw new LogoTooLargeError(INSTITUTION_LOGO_MAX_BYTES);
    if (bytes.length === 0) throw new InvalidLogoError('send the image file as the request body');
    const image = sniffLogo(bytes);
    if (!image) throw new InvalidLogoError('must be a PNG or JPEG image');
    if (!pdfCanEmbed(bytes, image.contentType))
      throw new InvalidLogoError('is damaged: the image could not be read');
    if (
      Math.min(image.width, image.height) < LOGO_MIN_SIDE ||
      Math.max(image.width, image.height) > LOGO_MAX_SIDE
    )
      throw new InvalidLogoError(`must be ${LOGO_MIN_SIDE}-${LOGO_MAX_SIDE} pixels wide and high`);
    const row = {
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      byteLength: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      data: bytes,
    };
    return this.db.transaction(async () => {
      const before = logoInfo(await this.logos.info());
      await this.logos.save(row);
      this.cache.invalidate(CACHE_KEY);
      return { before, after: logoInfo(row)! };
    });
  }

  /** Removes the logo; answers what was removed (null when there was none). */
  async removeLogo(): Promise<InstitutionLogoInfo | null> {
    return this.db.transaction(async () => {
      const before = logoInfo(await this.logos.info());
      if (before) await this.logos.remove();
      this.cache.invalidate(CACHE_KEY);
      return before;
    });
  }
}
