import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';

export class ReportCardQuery {
  @ApiPropertyOptional({
    description:
      "A term's id for that term's card; `year` (or no term) for the current academic year's card over its terms",
    example: 'year',
  })
  @IsOptional()
  @ValidateIf((o: ReportCardQuery) => o.term !== 'year')
  @IsUUID()
  term?: string;
}
