import { ValidationFailedError } from '../errors/domain-error';
import { ValidationOptions, registerDecorator } from 'class-validator';

/** A real calendar date written YYYY-MM-DD (2015-02-30 and 2015-13-01 are refused). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isLocalDate(value) },
    });
}

/** Route parameter pipe: a YYYY-MM-DD calendar date, or 400 naming the parameter. */
export class ParseLocalDatePipe {
  constructor(private readonly name = 'date') {}

  transform(value: unknown): string {
    if (!isLocalDate(value)) {
      throw new ValidationFailedError([{ field: this.name, message: 'must be a date YYYY-MM-DD' }]);
    }
    return value;
  }
}
