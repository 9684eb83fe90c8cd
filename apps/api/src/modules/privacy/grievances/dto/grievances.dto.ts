import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type AnswerGrievance,
  type CreateGrievance,
  GRIEVANCE_ANSWER_MAX,
  GRIEVANCE_CATEGORIES,
  GRIEVANCE_RESPONSE_DAYS_MAX,
  GRIEVANCE_STATUSES,
  GRIEVANCE_SUBJECT_MAX,
  GRIEVANCE_TEXT_MAX,
  type GrievanceCategory,
  type GrievanceStatus,
  type UpdateGrievanceOfficer,
} from '@shala/contracts';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** POST /privacy/my-grievances. */
export class CreateGrievanceDto implements CreateGrievance {
  @ApiProperty({ enum: GRIEVANCE_CATEGORIES })
  @IsIn(GRIEVANCE_CATEGORIES)
  category!: GrievanceCategory;

  @ApiProperty({ maxLength: GRIEVANCE_SUBJECT_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(GRIEVANCE_SUBJECT_MAX)
  subject!: string;

  @ApiProperty({ maxLength: GRIEVANCE_TEXT_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(GRIEVANCE_TEXT_MAX)
  text!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'one of the parent\u2019s children, if it is about one',
  })
  @IsOptional()
  @IsUUID()
  studentId?: string;
}

/** POST /privacy/grievances/:id/answer. */
export class AnswerGrievanceDto implements AnswerGrievance {
  @ApiProperty({ maxLength: GRIEVANCE_ANSWER_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(GRIEVANCE_ANSWER_MAX)
  answer!: string;

  @ApiPropertyOptional({ description: 'true: close the grievance with this answer' })
  @IsOptional()
  @IsBoolean()
  close?: boolean;
}

/** PUT /privacy/grievance-officer. */
export class UpdateGrievanceOfficerDto implements UpdateGrievanceOfficer {
  @ApiProperty({ maxLength: 120 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @ApiProperty({ format: 'email', maxLength: 254 })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ maxLength: 32, nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(32)
  @Matches(/^[+0-9 ()-]*$/, { message: 'phone may hold only digits, spaces, +, ( ) and -' })
  phone?: string | null;

  @ApiProperty({ minimum: 1, maximum: GRIEVANCE_RESPONSE_DAYS_MAX })
  @IsInt()
  @Min(1)
  @Max(GRIEVANCE_RESPONSE_DAYS_MAX)
  responseDays!: number;
}

/** GET /privacy/grievances?status=&overdue=true */
export class GrievanceListQuery {
  @ApiPropertyOptional({ enum: GRIEVANCE_STATUSES })
  @IsOptional()
  @IsIn(GRIEVANCE_STATUSES)
  status?: GrievanceStatus;

  @ApiPropertyOptional({ description: 'true: only open grievances past their due date' })
  @IsOptional()
  @Transform(({ value }) => (value === 'false' ? false : value === 'true' ? true : value))
  @IsBoolean()
  overdue?: boolean;
}
