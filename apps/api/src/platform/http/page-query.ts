import { ApiPropertyOptional } from '@nestjs/swagger';
import { PAGE_LIMIT_MAX } from '@shala/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `limit` (default 50, at most 200) and an opaque `cursor`: the pagination every list accepts. */
export class PageQuery {
  @ApiPropertyOptional({ default: 50, maximum: PAGE_LIMIT_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(600)
  cursor?: string;
}
