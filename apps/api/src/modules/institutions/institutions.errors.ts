import { ConflictError, ValidationFailedError } from '../../platform/errors/domain-error';

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
