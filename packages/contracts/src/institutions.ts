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
