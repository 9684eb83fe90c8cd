import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PAGE_LIMIT_MAX } from '@shala/contracts';
import { IsBoundedTimestamp } from '../../../platform/http/validators';

export class AuditFilterQuery {
  @ApiPropertyOptional({ description: 'Exact action, or a prefix ending in * (e.g. auth.*)' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.]*\*?$/, {
    message: 'action must be a dotted action name, optionally ending in *',
  })
  @MaxLength(80)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  targetId?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure', 'denied'] })
  @IsOptional()
  @IsIn(['success', 'failure', 'denied'])
  outcome?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 UTC, inclusive' })
  @IsOptional()
  @IsBoundedTimestamp()
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 UTC, inclusive' })
  @IsOptional()
  @IsBoundedTimestamp()
  to?: string;
}

export class AuditListQuery extends AuditFilterQuery {
  @ApiPropertyOptional({ default: 50, maximum: PAGE_LIMIT_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'cursor is not one this API issued' })
  cursor?: string;
}

export class AuditExportQuery extends AuditFilterQuery {
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';
}
