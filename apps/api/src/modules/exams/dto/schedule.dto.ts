import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate } from '../../../platform/http/validators';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class SittingDto {
  @ApiProperty({ format: 'uuid', description: "a paper of this assessment (a class's subject)" })
  @IsUUID()
  paperId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: "a section of the paper's class; null or left out: every section of it",
  })
  @IsOptional()
  @IsUUID()
  sectionId?: string | null;

  @ApiProperty({ example: '2027-03-02', description: 'local date' })
  @IsLocalDate()
  sitsOn!: string;

  @ApiProperty({ example: '09:00', description: "local time 'HH:MM'" })
  @IsString()
  @Matches(HH_MM, { message: "startsAt must be a time 'HH:MM'" })
  startsAt!: string;

  @ApiProperty({ example: '12:00', description: "local time 'HH:MM', after startsAt, at most 8 hours later" })
  @IsString()
  @Matches(HH_MM, { message: "endsAt must be a time 'HH:MM'" })
  endsAt!: string;

  @ApiProperty({ example: 'Room 12' })
  @IsString()
  @Length(1, 60)
  room!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'an active staff user of the school' })
  @IsOptional()
  @IsUUID()
  invigilatorUserId?: string | null;
}

export class ScheduleDto {
  @ApiProperty({
    type: [SittingDto],
    description: "the assessment's whole schedule (an empty list clears it)",
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SittingDto)
  sittings!: SittingDto[];
}
