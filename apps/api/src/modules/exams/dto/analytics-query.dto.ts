import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AnalyticsQuery {
  @ApiProperty({ description: 'The exam term' })
  @IsUUID()
  termId!: string;

  @ApiProperty({ description: 'The class' })
  @IsUUID()
  classId!: string;
}
