import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { toApiProblem } from '../../../app/api/errors';

/** Puts the API's 400 details (`{ field, message }`) next to the form fields they name. */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): void {
  const problem = toApiProblem(error);
  if (problem.status !== 400) return;
  for (const detail of problem.details) {
    const field = fields.find((name) => name === detail.field);
    if (field) setError(field, { type: 'server', message: detail.message });
  }
}
