import { Param, PipeTransform } from '@nestjs/common';
import { ApiParam, ApiProperty } from '@nestjs/swagger';
import { ValidationOptions, isISO8601, registerDecorator } from 'class-validator';
import {
  DATE_RULE,
  MONTH_RULE,
  TIMESTAMP_RULE,
  isCalendarDate,
  isCalendarMonth,
  isInstantInRange,
} from '../time/calendar-date';
import { ValidationFailedError } from '../errors/domain-error';

/*
 * APP-01, issue 17 item 1: every date, month and timestamp a route accepts is one of three types with a
 * hard range (1900-01-01..2199-12-31), checked here at the edge. Each decorator also records the OpenAPI
 * format ('date', 'month', 'date-time'), so the document says which fields are dates and a test can find
 * them all (test/date-bounds.int-spec.ts).
 */

/** A real calendar date 'YYYY-MM-DD' from 1900-01-01 to 2199-12-31 (2015-02-30 and 9999-12-31 are refused). */
export function isLocalDate(value: unknown): value is string {
  return isCalendarDate(value);
}

/** A month 'YYYY-MM' from 1900-01 to 2199-12. */
export function isMonth(value: unknown): value is string {
  return isCalendarMonth(value);
}

/** A strict ISO-8601 date or date-time naming an instant from 1900-01-01T00:00:00Z to 2199-12-31T23:59:59Z. */
export function isBoundedTimestamp(value: unknown): value is string {
  return typeof value === 'string' && isISO8601(value, { strict: true }) && isInstantInRange(new Date(value));
}

export const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';

/** OpenAPI metadata for the three types; `required`, `description` and `example` stay the property's own. */
const OPENAPI = {
  date: { type: 'string', format: 'date' },
  month: { type: 'string', format: 'month', pattern: MONTH_PATTERN },
  timestamp: { type: 'string', format: 'date-time' },
} as const;

type Kind = keyof typeof OPENAPI;

const RULES: Record<Kind, { rule: string; test: (value: unknown) => boolean }> = {
  date: { rule: DATE_RULE, test: isLocalDate },
  month: { rule: MONTH_RULE, test: isMonth },
  timestamp: { rule: TIMESTAMP_RULE, test: isBoundedTimestamp },
};

function propertyDecorator(kind: Kind, options?: ValidationOptions): PropertyDecorator {
  const { rule, test } = RULES[kind];
  // Only type and format (no `required`): @nestjs/swagger merges this with the field's own @ApiProperty /
  // @ApiPropertyOptional, so required, description and example stay as they were.
  const openApi = ApiProperty({ ...OPENAPI[kind] });
  return (target: object, propertyName: string | symbol) => {
    openApi(target, propertyName);
    registerDecorator({
      name: `is-${kind}`,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be ${rule}`, ...options },
      validator: { validate: (value: unknown) => test(value) },
    });
  };
}

/** A body or query field holding a calendar date 'YYYY-MM-DD' (1900-01-01..2199-12-31). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return propertyDecorator('date', options);
}

/** A body or query field holding a month 'YYYY-MM' (1900-01..2199-12). */
export function IsMonth(options?: ValidationOptions): PropertyDecorator {
  return propertyDecorator('month', options);
}

/** A body or query field holding an ISO-8601 timestamp within the calendar range. */
export function IsBoundedTimestamp(options?: ValidationOptions): PropertyDecorator {
  return propertyDecorator('timestamp', options);
}

class ParseBoundedPipe implements PipeTransform<unknown, string> {
  constructor(
    private readonly kind: Kind,
    private readonly name: string,
  ) {}

  transform(value: unknown): string {
    const { rule, test } = RULES[this.kind];
    if (!test(value)) throw new ValidationFailedError([{ field: this.name, message: `must be ${rule}` }]);
    return value as string;
  }
}

/** Route parameter pipe: a calendar date 'YYYY-MM-DD' (1900-01-01..2199-12-31), or 400 naming the parameter. */
export class ParseLocalDatePipe extends ParseBoundedPipe {
  constructor(name = 'date') {
    super('date', name);
  }
}

/** Route parameter pipe: a month 'YYYY-MM' (1900-01..2199-12), or 400 naming the parameter. */
export class ParseMonthPipe extends ParseBoundedPipe {
  constructor(name = 'month') {
    super('month', name);
  }
}

/** Adds the OpenAPI description of a path parameter to the handler the parameter decorator sits on. */
function documentPathParam(kind: 'date' | 'month', name: string): ParameterDecorator {
  return (target, key) => {
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor) return;
    ApiParam({ name, required: true, schema: { ...OPENAPI[kind] }, description: RULES[kind].rule })(
      target,
      key,
      descriptor,
    );
  };
}

/** `@Param(name)` holding a calendar date: validated (400 naming it) and documented as format 'date'. */
export function DateParam(name = 'date'): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new ParseLocalDatePipe(name))(target, key, index);
    documentPathParam('date', name)(target, key, index);
  };
}

/** `@Param(name)` holding a month 'YYYY-MM': validated (400 naming it) and documented with its pattern. */
export function MonthParam(name = 'month'): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new ParseMonthPipe(name))(target, key, index);
    documentPathParam('month', name)(target, key, index);
  };
}
