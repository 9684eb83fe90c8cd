import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type AddIncidentEvent,
  type CloseIncident,
  type CreateIncident,
  INCIDENT_CLOCK_KEYS,
  INCIDENT_DATA_CATEGORIES,
  INCIDENT_EVENT_KINDS,
  INCIDENT_NATURE_MAX,
  INCIDENT_SCHOOLS_MAX,
  INCIDENT_SUBJECTS_MAX,
  INCIDENT_TEXT_MAX,
  type IncidentClockKey,
  type IncidentDataCategory,
} from '@shala/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsBoundedTimestamp } from '../../../../platform/http/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** POST /privacy/incidents: a school records an incident of its own. */
export class CreateSchoolIncidentDto implements CreateIncident {
  @ApiProperty({ description: 'when the incident was detected (not in the future); the clocks run from it' })
  @IsBoundedTimestamp()
  detectedAt!: string;

  @ApiProperty({ maxLength: INCIDENT_NATURE_MAX, description: 'what happened, in a line' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(INCIDENT_NATURE_MAX)
  nature!: string;

  @ApiProperty({ maxLength: INCIDENT_TEXT_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(INCIDENT_TEXT_MAX)
  description!: string;

  @ApiProperty({ enum: INCIDENT_DATA_CATEGORIES, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INCIDENT_DATA_CATEGORIES.length)
  @IsIn(INCIDENT_DATA_CATEGORIES, { each: true })
  categories!: IncidentDataCategory[];

  @ApiProperty({ minimum: 0, maximum: INCIDENT_SUBJECTS_MAX, description: 'approximate people affected' })
  @IsInt()
  @Min(0)
  @Max(INCIDENT_SUBJECTS_MAX)
  subjectsCount!: number;

  @ApiPropertyOptional({ maxLength: INCIDENT_TEXT_MAX })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(INCIDENT_TEXT_MAX)
  containment?: string;

  @ApiPropertyOptional({ maxLength: INCIDENT_TEXT_MAX })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(INCIDENT_TEXT_MAX)
  mitigation?: string;

  @ApiProperty({ description: 'true starts the 48-hour clock to notify Meta' })
  @IsBoolean()
  whatsappInvolved!: boolean;
}

/** POST /platform/incidents: an operator records an incident affecting one or more schools. */
export class CreatePlatformIncidentDto extends CreateSchoolIncidentDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: INCIDENT_SCHOOLS_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INCIDENT_SCHOOLS_MAX)
  @IsUUID('all', { each: true })
  institutionIds!: string[];
}

/** POST .../incidents/:id/events. */
export class AddIncidentEventDto implements AddIncidentEvent {
  @ApiProperty({ enum: INCIDENT_EVENT_KINDS })
  @IsIn(INCIDENT_EVENT_KINDS)
  kind!: (typeof INCIDENT_EVENT_KINDS)[number];

  @ApiPropertyOptional({ maxLength: INCIDENT_TEXT_MAX, description: 'required unless kind is notified' })
  @ValidateIf((o: AddIncidentEventDto) => o.kind !== 'notified' || o.text !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(INCIDENT_TEXT_MAX)
  text?: string;

  @ApiPropertyOptional({ enum: INCIDENT_CLOCK_KEYS, description: 'kind notified: whom' })
  @ValidateIf((o: AddIncidentEventDto) => o.kind === 'notified' || o.target !== undefined)
  @IsIn(INCIDENT_CLOCK_KEYS)
  target?: IncidentClockKey;

  @ApiPropertyOptional({ description: 'kind notified: when the notification was made' })
  @ValidateIf((o: AddIncidentEventDto) => o.kind === 'notified' || o.notifiedAt !== undefined)
  @IsBoundedTimestamp()
  notifiedAt?: string;
}

/** POST .../incidents/:id/close. */
export class CloseIncidentDto implements CloseIncident {
  @ApiProperty({ maxLength: INCIDENT_TEXT_MAX, description: 'required to close' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(INCIDENT_TEXT_MAX)
  rootCause!: string;
}
