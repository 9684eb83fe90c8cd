import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  isIn,
  isInt,
  isString,
  isUUID,
  max,
  maxLength,
  min,
} from 'class-validator';
import { FastAccept, isObjectWithKeys } from '../../../platform/http/fast-accept';
import { IsLocalDate } from '../../../platform/http/validators';
import { ATTENDANCE_STATUSES } from '../entities/attendance.entities';

export class MarkDto {
  @ApiProperty()
  @IsUUID()
  studentId!: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: (typeof ATTENDANCE_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  note?: string | null;
}

const REGISTER_KEYS: ReadonlySet<string> = new Set(['period', 'subjectId', 'marks', 'reason']);
const MARK_KEYS: ReadonlySet<string> = new Set(['studentId', 'status', 'note']);
const absent = (v: unknown) => v === undefined || v === null;

/** The mark passes MarkDto's rules: the same class-validator functions, without the class instances. */
function isWellFormedMark(value: unknown): boolean {
  return (
    isObjectWithKeys(value, MARK_KEYS) &&
    isUUID(value.studentId) &&
    isIn(value.status, ATTENDANCE_STATUSES) &&
    (absent(value.note) || (isString(value.note) && maxLength(value.note, 200)))
  );
}

/**
 * SaveRegisterDto's rules for a well-formed register, checked directly: a 40-student register otherwise
 * spends about a tenth of its CPU in class-transformer and class-validator (issue 18). Whatever this does
 * not accept goes through the decorators below, which name the bad fields (attendance.dto.spec.ts holds
 * the two to the same answers).
 */
export function isWellFormedRegister(value: unknown): boolean {
  if (!isObjectWithKeys(value, REGISTER_KEYS)) return false;
  const { period, subjectId, marks, reason } = value;
  if (!absent(period) && !(isInt(period) && min(period, 0) && max(period, 20))) return false;
  if (!absent(subjectId) && !isUUID(subjectId)) return false;
  if (!absent(reason) && !(isString(reason) && maxLength(reason, 500))) return false;
  if (!Array.isArray(marks) || marks.length > 200) return false;
  for (const mark of marks as unknown[]) if (!isWellFormedMark(mark)) return false;
  return true;
}

@FastAccept(isWellFormedRegister)
export class SaveRegisterDto {
  @ApiPropertyOptional({ description: 'period number for period-wise attendance; leave out for daily' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  period?: number;

  @ApiPropertyOptional({ description: 'subject of the period (period-wise attendance)' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiProperty({ type: [MarkDto], description: 'one mark per student; students left out are untouched' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MarkDto)
  marks!: MarkDto[];

  @ApiPropertyOptional({ description: 'required to change a register after the cut-off (override)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class PeriodQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  period?: number;
}

export class SettingsDto {
  @ApiPropertyOptional({ enum: ['daily', 'period'] })
  @IsOptional()
  @IsIn(['daily', 'period'])
  mode?: 'daily' | 'period';

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  periodsPerDay?: number;

  @ApiPropertyOptional({ example: '16:00', description: 'local time after which a day is locked' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'cutoffTime must be HH:MM (24 h)' })
  cutoffTime?: string;

  @ApiPropertyOptional({ example: [0], description: 'weekdays off, 0 = Sunday' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(6)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(6, { each: true })
  weeklyOffDays?: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  chronicThresholdPercent?: number;
}

export class HolidayDto {
  @ApiProperty({ example: '2026-11-14' })
  @IsLocalDate()
  date!: string;

  @ApiProperty({ example: "Children's Day" })
  @IsString()
  @Length(2, 100)
  name!: string;
}

export class RangeQuery {
  @ApiProperty()
  @IsLocalDate()
  from!: string;

  @ApiProperty()
  @IsLocalDate()
  to!: string;
}

export class OptionalRangeQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsLocalDate()
  to?: string;

  @ApiPropertyOptional({ description: 'percent; defaults to the institution setting' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  threshold?: number;
}

export class DateQuery {
  @ApiPropertyOptional({ description: 'defaults to the institution today' })
  @IsOptional()
  @IsLocalDate()
  date?: string;
}

export class LeaveRequestDto {
  @ApiProperty()
  @IsUUID()
  studentId!: string;

  @ApiProperty()
  @IsLocalDate()
  fromDate!: string;

  @ApiProperty()
  @IsLocalDate()
  toDate!: string;

  @ApiProperty()
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export class LeaveDecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'])
  decision!: 'approved' | 'rejected';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class LeaveListQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected', 'cancelled'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected', 'cancelled'])
  status?: 'pending' | 'approved' | 'rejected' | 'cancelled';
}
