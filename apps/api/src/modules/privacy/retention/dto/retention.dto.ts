import { ApiProperty } from '@nestjs/swagger';
import {
  RETENTION_DELIVERY_DAYS_MAX,
  RETENTION_DELIVERY_DAYS_MIN,
  RETENTION_LOG_DAYS_MAX,
  RETENTION_LOG_DAYS_MIN,
  type UpdateRetentionPolicy,
} from '@shala/contracts';
import { IsInt, ValidateIf } from 'class-validator';

/** PUT /privacy/retention. The bounds are checked by the service, which explains the one-year floor. */
export class UpdateRetentionPolicyDto implements UpdateRetentionPolicy {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: RETENTION_LOG_DAYS_MIN,
    maximum: RETENTION_LOG_DAYS_MAX,
    description: 'Ended sign-in sessions; at least one year (DPDP Rules 2025); null: installation default',
  })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  processingLogDays!: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: RETENTION_DELIVERY_DAYS_MIN,
    maximum: RETENTION_DELIVERY_DAYS_MAX,
    description: 'Finished messages and their delivery reports; null: installation default',
  })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  deliveryRecordDays!: number | null;
}
