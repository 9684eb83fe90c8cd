import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { ErrorDetail } from '@shala/contracts';
import { ValidationFailedError } from '../errors/domain-error';
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

/** APP-01: whitelist, forbid unknown fields, transform to DTO types; errors name every field. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}
