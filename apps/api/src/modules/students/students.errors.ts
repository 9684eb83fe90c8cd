import { ConflictError } from '../../platform/errors/domain-error';

export class AdmissionNumberTakenError extends ConflictError {
  constructor(admissionNo: string) {
    super(`A student with admission number ${admissionNo} exists.`, 'ADMISSION_NO_TAKEN', [
      { field: 'admissionNo', message: 'already taken' },
    ]);
  }
}
