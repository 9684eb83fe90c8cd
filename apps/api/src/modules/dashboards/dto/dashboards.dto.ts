import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsLocalDate } from '../../../platform/http/validators';

export class DayCloseQuery {
  @ApiPropertyOptional({ description: 'the day to close, YYYY-MM-DD (default: today in the school)' })
  @IsOptional()
  @IsLocalDate()
  date?: string;
}
