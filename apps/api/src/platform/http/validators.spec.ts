import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../errors/domain-error';
import {
  DateParam,
  IsBoundedTimestamp,
  IsLocalDate,
  IsMonth,
  MonthParam,
  ParseLocalDatePipe,
  ParseMonthPipe,
  isBoundedTimestamp,
  isLocalDate,
  isMonth,
} from './validators';

/** Where @nestjs/swagger keeps property and parameter metadata. */
const MODEL_PROPERTIES = 'swagger/apiModelProperties';
const API_PARAMETERS = 'swagger/apiParameters';

class Sample {
  @ApiProperty({ example: '2026-04-01' })
  @IsLocalDate()
  startsOn!: string;

  @ApiPropertyOptional({ description: 'defaults to today' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  // The decorators the other way round: the format still merges in and `required: false` stays.
  @IsLocalDate()
  @IsOptional()
  @ApiPropertyOptional()
  until?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsMonth()
  month?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 UTC' })
  @IsOptional()
  @IsBoundedTimestamp()
  from?: string;
}

class SampleController {
  register(@DateParam('date') date: string, @MonthParam('month') month: string): string {
    return date + month;
  }
}

const metaOf = (key: keyof Sample) =>
  Reflect.getMetadata(MODEL_PROPERTIES, Sample.prototype, key) as Record<string, unknown>;

function detailsOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationFailedError);
    return ((e as ValidationFailedError).details ?? []) as { field: string; message: string }[];
  }
  throw new Error('expected a ValidationFailedError');
}

describe('[APP-01] date, month and timestamp validators', () => {
  it('accepts calendar dates 1900-01-01..2199-12-31 only', () => {
    expect(isLocalDate('1900-01-01')).toBe(true);
    expect(isLocalDate('2199-12-31')).toBe(true);
    for (const bad of ['9999-12-31', '0001-01-01', '1899-12-31', '2200-01-01', '+010000-01-01', '2015-02-30'])
      expect(isLocalDate(bad), bad).toBe(false);
  });

  it('accepts months 1900-01..2199-12 only', () => {
    expect(isMonth('1900-01')).toBe(true);
    expect(isMonth('2199-12')).toBe(true);
    for (const bad of ['9999-12', '0000-00', '1899-12', '2200-01', '2026-13', '+10000-01'])
      expect(isMonth(bad), bad).toBe(false);
  });

  it('accepts strict ISO-8601 timestamps within the calendar range only', () => {
    for (const ok of [
      '2026-11-20T10:00:00Z',
      '2026-11-20T10:00:00.000+05:30',
      '2026-11-20',
      '1900-01-01T00:00:00Z',
    ])
      expect(isBoundedTimestamp(ok), ok).toBe(true);
    for (const bad of [
      '9999-12-31T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '2200-01-01T00:00:00Z',
      '+010000-01-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      'yesterday',
      1_700_000_000_000,
    ])
      expect(isBoundedTimestamp(bad), String(bad)).toBe(false);
  });

  it('answers a field outside the range with a message naming the field and the allowed range', async () => {
    const sample = Object.assign(new Sample(), {
      startsOn: '9999-12-31',
      asOf: '1899-12-31',
      until: '2026-11-20',
      month: '9999-12',
      from: '2200-01-01T00:00:00Z',
    });
    const messages = Object.fromEntries(
      (await validate(sample)).map((e) => [e.property, Object.values(e.constraints ?? {})]),
    );
    expect(messages).toEqual({
      startsOn: ['startsOn must be a date YYYY-MM-DD from 1900-01-01 to 2199-12-31'],
      asOf: ['asOf must be a date YYYY-MM-DD from 1900-01-01 to 2199-12-31'],
      month: ['month must be a month YYYY-MM from 1900-01 to 2199-12'],
      from: ['from must be an ISO-8601 timestamp from 1900-01-01T00:00:00Z to 2199-12-31T23:59:59Z'],
    });
  });

  it('answers a path parameter outside the range with 400 details naming it and the range', () => {
    expect(new ParseLocalDatePipe().transform('2026-11-20')).toBe('2026-11-20');
    expect(new ParseMonthPipe().transform('2026-11')).toBe('2026-11');
    expect(detailsOf(() => new ParseLocalDatePipe().transform('9999-12-31'))).toEqual([
      { field: 'date', message: 'must be a date YYYY-MM-DD from 1900-01-01 to 2199-12-31' },
    ]);
    expect(detailsOf(() => new ParseMonthPipe('month').transform('9999-12'))).toEqual([
      { field: 'month', message: 'must be a month YYYY-MM from 1900-01 to 2199-12' },
    ]);
  });

  it('records the OpenAPI format without changing whether a field is required', () => {
    expect(metaOf('startsOn')).toMatchObject({ type: 'string', format: 'date', example: '2026-04-01' });
    expect(metaOf('startsOn').required).not.toBe(false);
    expect(metaOf('asOf')).toMatchObject({
      format: 'date',
      required: false,
      description: 'defaults to today',
    });
    expect(metaOf('until')).toMatchObject({ format: 'date', required: false });
    expect(metaOf('month')).toMatchObject({ format: 'month', pattern: expect.any(String), required: false });
    expect(metaOf('from')).toMatchObject({ format: 'date-time', required: false });
  });

  it('documents date and month path parameters on the handler', () => {
    const params = Reflect.getMetadata(API_PARAMETERS, SampleController.prototype.register) as {
      name: string;
      in: string;
      schema: { format: string };
    }[];
    expect(params.map((p) => [p.name, p.in, p.schema.format]).sort()).toEqual([
      ['date', 'path', 'date'],
      ['month', 'path', 'month'],
    ]);
  });
});
