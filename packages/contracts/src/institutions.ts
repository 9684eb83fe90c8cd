export const InstitutionStatus = {
  Active: 'active',
  Suspended: 'suspended',
  Terminated: 'terminated',
} as const;
export type InstitutionStatus = (typeof InstitutionStatus)[keyof typeof InstitutionStatus];

export const InstitutionKind = {
  /** A school: a tenant whose data is isolated from every other. */
  School: 'school',
  /** The `platform` pseudo-institution that operators sign in to. */
  Platform: 'platform',
} as const;
export type InstitutionKind = (typeof InstitutionKind)[keyof typeof InstitutionKind];

/** Slug of the pseudo-institution operators log in to. */
export const PLATFORM_SLUG = 'platform';

/** Lowercase letters, digits and inner hyphens, 2 to 63 characters. */
export const INSTITUTION_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$/;

export interface InstitutionDto {
  id: string;
  slug: string;
  name: string;
  kind: InstitutionKind;
  timeZone: string;
  currency: string;
  status: InstitutionStatus;
}

/** The school logo: PNG or JPEG, at most this many bytes (shown on receipts, report cards and the header). */
export const INSTITUTION_LOGO_MAX_BYTES = 256 * 1024;
export const INSTITUTION_LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export type InstitutionLogoType = (typeof INSTITUTION_LOGO_TYPES)[number];

/** The stored logo's description; its bytes are served by GET /institution/logo (ETag = `etag`). */
export interface InstitutionLogoInfo {
  contentType: InstitutionLogoType;
  width: number;
  height: number;
  bytes: number;
  etag: string;
}

/**
 * The school's profile (issue 14 item 5): name and time zone live on the institution; the address, contact
 * and receipt footer beside it. Empty strings mean "not given".
 */
export interface InstitutionProfile {
  name: string;
  timeZone: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  state: string;
  /** PIN code (postal code). */
  postalCode: string;
  phone: string;
  email: string;
  website: string;
  /** Printed at the foot of every fee receipt. */
  receiptFooter: string;
  logo: InstitutionLogoInfo | null;
}

export type UpdateInstitutionProfile = Partial<Omit<InstitutionProfile, 'logo'>>;
