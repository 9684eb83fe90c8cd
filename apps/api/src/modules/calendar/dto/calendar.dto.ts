import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CALENDAR_AUDIENCES,
  CALENDAR_EVENT_TYPES,
  type CalendarAudience,
  type CalendarEventType,
} from '@shala/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../platform/http/page-query';
import { IsLocalDate } from '../../../platform/http/validators';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CalendarRangeQuery extends PageQuery {
  @ApiProperty({ example: '2026-12-01', description: 'first local date of the range' })
  @IsLocalDate()
  from!: string;

  @ApiProperty({
    example: '2026-12-31',
    description: 'last local date of the range; at most 366 days after from',
  })
  @IsLocalDate()
  to!: string;
}

export class CalendarTargetDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  classId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'a section of the class; null: all of it',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  sectionId?: string | null;
}

export class CalendarEventDto {
  @ApiProperty({ enum: CALENDAR_EVENT_TYPES })
  @IsIn(CALENDAR_EVENT_TYPES)
  type!: CalendarEventType;

  @ApiProperty({ example: 'Parent-teacher meeting' })
  @IsString()
  @Length(2, 120)
  title!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ example: '2026-12-12', description: 'local date' })
  @IsLocalDate()
  startsOn!: string;

  @ApiPropertyOptional({ example: '2026-12-12', description: 'local date; startsOn when left out' })
  @IsOptional()
  @IsLocalDate()
  endsOn?: string;

  @ApiProperty()
  @IsBoolean()
  allDay!: boolean;

  @ApiPropertyOptional({
    example: '10:00',
    nullable: true,
    description: "local 'HH:MM'; required unless allDay",
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(HH_MM, { message: "startTime must be a time 'HH:MM'" })
  startTime?: string | null;

  @ApiPropertyOptional({
    example: '12:00',
    nullable: true,
    description: "local 'HH:MM'; required unless allDay",
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(HH_MM, { message: "endTime must be a time 'HH:MM'" })
  endTime?: string | null;

  @ApiProperty({ enum: CALENDAR_AUDIENCES })
  @IsIn(CALENDAR_AUDIENCES)
  audience!: CalendarAudience;

  @ApiPropertyOptional({ type: [CalendarTargetDto], description: "1..50 when audience is 'classes'" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CalendarTargetDto)
  targets?: CalendarTargetDto[];
}
