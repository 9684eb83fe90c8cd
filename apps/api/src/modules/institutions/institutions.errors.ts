import { CommonErrorCode } from '@shala/contracts';
import { ConflictError, DomainError, ValidationFailedError } from '../../platform/errors/domain-error';

export const InstitutionErrorCode = {
  SlugTaken: 'INSTITUTION_SLUG_TAKEN',
} as const;

export class InstitutionSlugTakenError extends ConflictError {
  constructor(slug: string) {
    super(`An institution with slug "${slug}" already exists.`, InstitutionErrorCode.SlugTaken, [
      { field: 'slug', message: 'already taken' },
    ]);
  }
}

export class InvalidInstitutionError extends ValidationFailedError {}

/** A logo whose bytes are not a PNG or JPEG of sane dimensions (whatever its name or content type said). */
export class InvalidLogoError extends ValidationFailedError {
  constructor(message: string) {
    super([{ field: 'logo', message }], 'The logo is not a usable PNG or JPEG image.');
  }
}

export class LogoTooLargeError extends DomainError {
  constructor(maxBytes: number) {
    super(413, CommonErrorCode.PayloadTooLarge, `The logo is larger than ${maxBytes / 1024} KB.`, [
      { field: 'logo', message: `must be at most ${maxBytes / 1024} KB` },
    ]);
  }
}
