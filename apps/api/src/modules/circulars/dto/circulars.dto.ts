import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CIRCULAR_ATTACHMENT_NAME_MAX,
  CIRCULAR_AUDIENCES,
  CIRCULAR_BODY_MAX,
  CIRCULAR_STATUSES,
  CIRCULAR_TARGETS_MAX,
  CIRCULAR_TITLE_MAX,
  type CircularAudience,
  type CircularInput,
  type CircularStatus,
  type ScheduleCircularInput,
} from '@shala/contracts';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQuery } from '../../../platform/http/page-query';
import { IsBoundedTimestamp } from '../../../platform/http/validators';

/** Something other than whitespace. */
const NOT_BLANK = /\S/;

/** POST /circulars and PUT /circulars/:id. */
export class CircularInputDto implements CircularInput {
  @ApiProperty({ maxLength: CIRCULAR_TITLE_MAX })
  @IsString()
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  @MaxLength(CIRCULAR_TITLE_MAX)
  title!: string;

  @ApiProperty({ maxLength: CIRCULAR_BODY_MAX, description: 'Plain text; paragraphs split by blank lines' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  @MaxLength(CIRCULAR_BODY_MAX)
  body!: string;

  @ApiProperty({ enum: CIRCULAR_AUDIENCES })
  @IsIn(CIRCULAR_AUDIENCES)
  audience!: CircularAudience;

  @ApiPropertyOptional({ type: [String], description: 'For audience classes: the classes addressed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CIRCULAR_TARGETS_MAX)
  @IsUUID('all', { each: true })
  classIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'For audience sections: the sections addressed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CIRCULAR_TARGETS_MAX)
  @IsUUID('all', { each: true })
  sectionIds?: string[];

  @ApiProperty({ description: 'Ask each guardian to acknowledge it (e.g. a permission slip)' })
  @IsBoolean()
  requiresAck!: boolean;
}

/** POST /circulars/:id/schedule. */
export class ScheduleCircularDto implements ScheduleCircularInput {
  @ApiProperty({ format: 'date-time', description: 'When to publish it (ISO-8601, in the future)' })
  @IsBoundedTimestamp()
  publishAt!: string;
}

/** GET /circulars: publishers may filter; readers get what is addressed to them. */
export class CircularListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CIRCULAR_STATUSES, description: 'Publishers only' })
  @IsOptional()
  @IsIn(CIRCULAR_STATUSES)
  status?: CircularStatus;

  @ApiPropertyOptional({ enum: CIRCULAR_AUDIENCES, description: 'Publishers only' })
  @IsOptional()
  @IsIn(CIRCULAR_AUDIENCES)
  audience?: CircularAudience;
}

/** GET /circulars/:id/recipients. */
export class CircularRecipientsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['acknowledged', 'read'],
    description: 'Only those who have not acknowledged (or not read) it',
  })
  @IsOptional()
  @IsIn(['acknowledged', 'read'])
  pending?: 'acknowledged' | 'read';
}

/** PUT /circulars/:id/attachment. */
export class AttachmentQuery {
  @ApiPropertyOptional({ maxLength: CIRCULAR_ATTACHMENT_NAME_MAX, description: 'The file name shown' })
  @IsOptional()
  @IsString()
  @MaxLength(CIRCULAR_ATTACHMENT_NAME_MAX)
  fileName?: string;
}
