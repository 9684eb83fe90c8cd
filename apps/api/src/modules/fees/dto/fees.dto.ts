import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
  ValidateNested,
} from 'class-validator';
import { IsLocalDate } from '../../../platform/http/validators';
import { LATE_FEE_KINDS, REMINDER_KINDS } from '../entities/fee-rules.entities';
import { PAYMENT_METHODS } from '../entities/fees.entities';
import type { CounterPaymentMethod } from '@shala/contracts';

const COUNTER_METHODS = PAYMENT_METHODS.filter((m) => m !== 'online');

/** Largest single amount accepted, in minor units (10 crore rupees). */
const MAX_AMOUNT = 10_000_000_000;

export class CreateHeadDto {
  @ApiProperty({ example: 'Tuition' })
  @IsString()
  @Length(1, 80)
  name!: string;

  @ApiPropertyOptional({ description: 'optional heads (transport) are charged only to assigned students' })
  @IsOptional()
  @IsBoolean()
  optional?: boolean;
}

export class StructureLineDto {
  @ApiProperty()
  @IsUUID()
  headId!: string;

  @ApiProperty({ description: 'minor units (paise)' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  amount!: number;
}

export class InstalmentDto {
  @ApiProperty({ example: 'Term 1' })
  @IsString()
  @Length(1, 80)
  label!: string;

  @ApiProperty({ example: '2026-06-10' })
  @IsLocalDate()
  dueDate!: string;

  @ApiProperty({ type: [StructureLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => StructureLineDto)
  lines!: StructureLineDto[];
}

export class CreateStructureDto {
  @ApiProperty()
  @IsUUID()
  classId!: string;

  @ApiPropertyOptional({ description: 'defaults to the current academic year' })
  @IsOptional()
  @IsUUID()
  academicYearId?: string;

  @ApiProperty({ example: 'Class 5 fees 2026-27' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ type: [InstalmentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => InstalmentDto)
  instalments!: InstalmentDto[];
}

export class StructureListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  academicYearId?: string;
}

export class OptionalHeadDto {
  @ApiProperty()
  @IsUUID()
  headId!: string;

  @ApiProperty({ description: 'minor units charged on every instalment invoice' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  amountPerInstalment!: number;
}

export class OptionalHeadsDto {
  @ApiProperty({ type: [OptionalHeadDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => OptionalHeadDto)
  heads!: OptionalHeadDto[];
}

export class RecordPaymentDto {
  @ApiProperty({ description: 'minor units (paise); at most what is outstanding' })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount!: number;

  @ApiProperty({ enum: COUNTER_METHODS })
  @IsIn(COUNTER_METHODS)
  method!: CounterPaymentMethod;

  @ApiPropertyOptional({
    description: 'UPI UTR, card transaction id or bank transfer UTR (recommended for those methods)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[\w\-/. ]{1,100}$/, { message: 'letters, digits, spaces and - / . only' })
  @MaxLength(100)
  reference?: string;

  @ApiPropertyOptional({ description: 'cheque or demand draft number (required for those methods)' })
  @IsOptional()
  @IsString()
  @Matches(/^[\w\-/]{1,40}$/, { message: 'letters, digits, - and / only (at most 40)' })
  instrumentNo?: string;

  @ApiPropertyOptional({
    description: 'drawee bank of the cheque or demand draft (required for those methods)',
  })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  instrumentBank?: string;

  @ApiPropertyOptional({ description: 'the date on the cheque or demand draft (required for those methods)' })
  @IsOptional()
  @IsLocalDate()
  instrumentDate?: string;

  @ApiPropertyOptional({
    description:
      "the day the money was received (default today in the school's time zone); not in the future, not before the current academic year",
  })
  @IsOptional()
  @IsLocalDate()
  paidOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  note?: string;
}

export class ReversePaymentDto {
  @ApiProperty()
  @IsString()
  @Length(3, 300)
  reason!: string;
}

export class AdjustmentDto {
  @ApiProperty({ enum: ['concession', 'waiver', 'fine'] })
  @IsIn(['concession', 'waiver', 'fine'])
  kind!: 'concession' | 'waiver' | 'fine';

  @ApiPropertyOptional({ description: 'one head of the invoice; all heads in order when left out' })
  @IsOptional()
  @IsUUID()
  headId?: string;

  @ApiPropertyOptional({ description: 'minor units; give this or percentBasisPoints' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount?: number;

  @ApiPropertyOptional({ description: 'concessions only: basis points of each head charge (1000 = 10%)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  percentBasisPoints?: number;

  @ApiPropertyOptional({ example: 'sibling', description: 'sibling, scholarship, staff_ward, ...' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  category?: string;

  @ApiProperty()
  @IsString()
  @Length(3, 250)
  reason!: string;
}

export class DefaultersQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD; today by default' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  classId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  minDaysOverdue?: number;
}

export class CollectionsQuery {
  @ApiProperty()
  @IsLocalDate()
  from!: string;

  @ApiProperty()
  @IsLocalDate()
  to!: string;

  @ApiPropertyOptional({ enum: ['day', 'class', 'head'] })
  @IsOptional()
  @IsIn(['day', 'class', 'head'])
  groupBy?: 'day' | 'class' | 'head';
}

export class CreateOrderDto {
  @ApiProperty({ description: 'minor units; at most what is outstanding' })
  @IsInt()
  @Min(100)
  @Max(MAX_AMOUNT)
  amount!: number;
}

export class FamilyOrderChildDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId!: string;

  @ApiProperty({ description: 'minor units; at most what is outstanding for this child' })
  @IsInt()
  @Min(100)
  @Max(MAX_AMOUNT)
  amount!: number;
}

export class FamilyOrderDto {
  @ApiProperty({ type: [FamilyOrderChildDto], description: 'one entry per child, at most 10' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => FamilyOrderChildDto)
  children!: FamilyOrderChildDto[];
}

export class LateFeeRuleDto {
  @ApiProperty({ example: 'Late fee' })
  @IsString()
  @Length(1, 80)
  name!: string;

  @ApiProperty({ enum: LATE_FEE_KINDS })
  @IsIn(LATE_FEE_KINDS)
  kind!: (typeof LATE_FEE_KINDS)[number];

  @ApiPropertyOptional({ description: 'flat: the fine; per_day: the fine per day (minor units)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount?: number;

  @ApiPropertyOptional({ description: 'percent: basis points of the invoice charges (200 = 2%)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  percentBasisPoints?: number;

  @ApiPropertyOptional({ description: 'days after the due date before the rule applies' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  graceDays?: number;

  @ApiPropertyOptional({ description: 'most the rule charges on one invoice (minor units)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  cap?: number;

  @ApiProperty({ description: 'the head fines are booked to, e.g. a "Late fee" head' })
  @IsUUID()
  headId!: string;
}

export class ReminderRuleDto {
  @ApiProperty({ enum: REMINDER_KINDS })
  @IsIn(REMINDER_KINDS)
  kind!: (typeof REMINDER_KINDS)[number];

  @ApiPropertyOptional({
    description: 'before_due: days before; overdue_every: every N days; not for on_due',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class DailyRunDto {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD; the institution’s today by default' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;
}
