import { ApiProperty } from '@nestjs/swagger';
import type { ScheduleErasure } from '@shala/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** POST /privacy/requests/:id/erasure */
export class ScheduleErasureDto implements ScheduleErasure {
  @ApiProperty({
    maxLength: 200,
    description: "the subject's full name or (a student's) admission number, typed to confirm",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  confirmation!: string;
}

/** POST /privacy/requests/:id/correction */
export class CompleteCorrectionDto {
  @ApiProperty({ maxLength: 2000, description: 'what was corrected (free text)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note!: string;
}
