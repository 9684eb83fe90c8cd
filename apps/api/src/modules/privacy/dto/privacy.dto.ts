import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CreatePrivacyRequest,
  PRIVACY_REQUEST_STATUSES,
  PRIVACY_REQUEST_TYPES,
  PRIVACY_SUBJECT_TYPES,
  type PrivacyRequestStatus,
  type PrivacyRequestTransition,
  type PrivacyRequestType,
  type PrivacySubjectType,
} from '@shala/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** POST /privacy/requests and /privacy/my-requests. */
export class CreatePrivacyRequestDto implements CreatePrivacyRequest {
  @ApiProperty({ enum: PRIVACY_REQUEST_TYPES })
  @IsIn(PRIVACY_REQUEST_TYPES)
  type!: PrivacyRequestType;

  @ApiProperty({
    enum: PRIVACY_SUBJECT_TYPES,
    description: 'parents: student (a child) or guardian (themselves)',
  })
  @IsIn(PRIVACY_SUBJECT_TYPES)
  subjectType!: PrivacySubjectType;

  @ApiProperty({ format: 'uuid', description: 'the student, guardian or user the request is about' })
  @IsUUID()
  subjectId!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  details?: string;
}

const NEXT_STATUSES = PRIVACY_REQUEST_STATUSES.filter((s) => s !== 'open') as Exclude<
  PrivacyRequestStatus,
  'open'
>[];

/** POST /privacy/requests/:id/transitions. */
export class PrivacyTransitionDto implements PrivacyRequestTransition {
  @ApiProperty({ enum: NEXT_STATUSES })
  @IsIn(NEXT_STATUSES)
  status!: Exclude<PrivacyRequestStatus, 'open'>;

  @ApiPropertyOptional({ maxLength: 500, description: 'required when refusing' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** GET /privacy/requests?status=&overdue=true */
export class PrivacyListQuery {
  @ApiPropertyOptional({ enum: PRIVACY_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(PRIVACY_REQUEST_STATUSES)
  status?: PrivacyRequestStatus;

  @ApiPropertyOptional({ description: 'true: only open or in-progress requests past their due date' })
  @IsOptional()
  @Transform(({ value }) => (value === 'false' ? false : value === 'true' ? true : value))
  @IsBoolean()
  overdue?: boolean;
}
