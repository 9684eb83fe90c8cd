import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import type { ErrorDetail } from '@shala/contracts';
import { ValidationFailedError } from '../errors/domain-error';
import { fastAcceptOf } from './fast-accept';
import { cacheValidationMetadata } from './validation-metadata-cache';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith(`property ${e.property} should not exist`)
        ? 'is not an accepted field'
        : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * A DTO with a quick acceptance check (fast-accept.ts) skips class-transformer and class-validator for a
 * body that passes it: the register's 40 marks cost about a tenth of its request's CPU there (issue 18).
 * Anything the check does not pass is validated in full, so errors are unchanged.
 */
class ShalaValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (fastAcceptOf(metadata.metatype)?.(value)) return value;
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

const OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  stopAtFirstError: false,
  exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
};

/**
 * APP-01: whitelist, forbid unknown fields, transform to DTO types; errors name every field. `fastAccept:
 * false` validates every body in full (the reference the quick checks are tested against).
 */
export function createValidationPipe({ fastAccept = true } = {}): ValidationPipe {
  cacheValidationMetadata();
  return fastAccept ? new ShalaValidationPipe(OPTIONS) : new ValidationPipe(OPTIONS);
}
