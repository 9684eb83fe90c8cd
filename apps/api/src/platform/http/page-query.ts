import { ApiPropertyOptional } from '@nestjs/swagger';
import { PAGE_LIMIT_MAX, type Page } from '@shala/contracts';
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

/** One page of a list: the shape every list endpoint answers with (defined in @shala/contracts). */
export type { Page };

/** Wraps items as a page; `nextCursor` is null on the last (or only) page. */
export function page<T>(items: T[], nextCursor: string | null = null): Page<T> {
  return { items, nextCursor };
}
