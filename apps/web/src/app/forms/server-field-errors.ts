import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { toApiProblem } from '../api/errors';

/**
 * Puts the API's error details (`{ field, message }`) next to the form fields they name: 400 for invalid
 * input, 409 for a taken key or slug. Returns true when at least one detail found its field.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): boolean {
  const problem = toApiProblem(error);
  if (problem.status !== 400 && problem.status !== 409) return false;
  let placed = false;
  for (const detail of problem.details) {
    const field = fields.find((name) => name === detail.field);
    if (field) {
      setError(field, { type: 'server', message: detail.message });
      placed = true;
    }
  }
  return placed;
}
