import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../../platform/http/page-query';
import { IsLocalDate } from '../../../platform/http/validators';
import { PAYMENT_METHODS, PaymentMethod } from '../entities/fees.entities';
import { CollectionsQuery, DefaultersQuery } from './fees.dto';

export class PaymentListQuery extends PageQuery {
  @ApiPropertyOptional({ description: "one student's payments (parents: their own children only)" })
  @IsOptional()
  @IsUUID()
  studentId?: string;

  @ApiPropertyOptional({ description: 'paid on or after, YYYY-MM-DD' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ description: 'paid on or before, YYYY-MM-DD' })
  @IsOptional()
  @IsLocalDate()
  to?: string;

  @ApiPropertyOptional({ enum: PAYMENT_METHODS })
  @IsOptional()
  @IsIn(PAYMENT_METHODS)
  method?: PaymentMethod;

  @ApiPropertyOptional({ enum: ['completed', 'reversed'] })
  @IsOptional()
  @IsIn(['completed', 'reversed'])
  status?: 'completed' | 'reversed';
}

export class DefaultersPageQuery extends IntersectionType(DefaultersQuery, PageQuery) {}

export class CollectionsPageQuery extends IntersectionType(CollectionsQuery, PageQuery) {}

export class LedgerPageQuery extends PageQuery {
  @ApiProperty({ description: 'whose statement (parents: their own children only)' })
  @IsUUID()
  studentId!: string;
}
