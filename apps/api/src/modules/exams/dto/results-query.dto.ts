import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class StudentResultsQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Staff only: include terms whose results are not published (parents and students: 403)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeUnpublished?: 'true' | 'false';
}
