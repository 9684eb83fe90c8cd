import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BELL_SLOT_KINDS, type BellSlotKind } from '@shala/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate } from '../../../platform/http/validators';

export class BellSlotDto {
  @ApiProperty({ enum: BELL_SLOT_KINDS })
  @IsIn(BELL_SLOT_KINDS)
  kind!: BellSlotKind;

  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(40)
  label?: string | null;

  @ApiProperty({ example: '08:00', description: 'local time HH:MM' })
  @IsString()
  @MaxLength(5)
  start!: string;

  @ApiProperty({ example: '08:40', description: 'local time HH:MM, after start' })
  @IsString()
  @MaxLength(5)
  end!: string;
}

export class BellDayDto {
  @ApiProperty({ minimum: 0, maximum: 6, description: '0 = Sunday .. 6 = Saturday' })
  @IsInt()
  @Min(0)
  @Max(6)
  weekday!: number;

  @ApiProperty({ type: [BellSlotDto] })
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => BellSlotDto)
  slots!: BellSlotDto[];
}

export class TimetableSettingsDto {
  @ApiProperty({ type: [BellDayDto], description: 'the weekdays taught, each with its bell schedule' })
  @IsArray()
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => BellDayDto)
  days!: BellDayDto[];

  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 20 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(20)
  maxPeriodsPerDay?: number | null;

  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 140 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(140)
  maxPeriodsPerWeek?: number | null;
}

export class CellBodyDto {
  @ApiProperty()
  @IsUUID()
  subjectId!: string;

  @ApiProperty()
  @IsUUID()
  teacherUserId!: string;

  @ApiPropertyOptional({ maxLength: 40, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(40)
  room?: string | null;
}

export class CellDto extends CellBodyDto {
  @ApiProperty({ minimum: 0, maximum: 6 })
  @IsInt()
  @Min(0)
  @Max(6)
  weekday!: number;

  @ApiProperty({ minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1)
  @Max(20)
  period!: number;
}

export class SectionTimetableDto {
  @ApiProperty({ type: [CellDto] })
  @IsArray()
  @ArrayMaxSize(140)
  @ValidateNested({ each: true })
  @Type(() => CellDto)
  cells!: CellDto[];
}

export class MyDayQuery {
  @ApiPropertyOptional({ format: 'date', description: "the school's today when left out" })
  @IsOptional()
  @IsLocalDate()
  date?: string;
}

export class ProposalQuery {
  @ApiProperty()
  @IsUUID()
  teacherUserId!: string;

  @ApiProperty({ format: 'date' })
  @IsLocalDate()
  date!: string;
}

export class ConfirmSubstitutionDto {
  @ApiProperty({ format: 'date' })
  @IsLocalDate()
  date!: string;

  @ApiProperty()
  @IsUUID()
  absentTeacherUserId!: string;

  @ApiProperty({ minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1)
  @Max(20)
  period!: number;

  @ApiProperty()
  @IsUUID()
  substituteUserId!: string;
}
