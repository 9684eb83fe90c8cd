import { ConflictError } from '../../platform/errors/domain-error';

export class AdmissionNumberTakenError extends ConflictError {
  constructor(admissionNo: string) {
    super(`A student with admission number ${admissionNo} exists.`, 'ADMISSION_NO_TAKEN', [
      { field: 'admissionNo', message: 'already taken' },
    ]);
  }
}

/** 409: the student is under 18 and no linked guardian has consented to `purpose` (PRV-01, DPDP s. 9). */
export class ConsentRequiredError extends ConflictError {
  constructor(purpose: string) {
    super(
      `A guardian's consent to ${purpose.replace(/_/g, ' ')} is needed first (record it in the parent app or from a paper form).`,
      'CONSENT_REQUIRED',
      [{ field: 'consent', message: purpose }],
    );
  }
}
