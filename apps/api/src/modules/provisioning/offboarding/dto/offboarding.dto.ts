import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXPORT_PASSPHRASE_MAX_LENGTH,
  EXPORT_PASSPHRASE_MIN_LENGTH,
  OFFBOARDING_RETENTION_DEFAULT_DAYS,
  OFFBOARDING_RETENTION_MAX_DAYS,
  OFFBOARDING_RETENTION_MIN_DAYS,
  type RestartInstitutionExport,
  type TerminateInstitution,
} from '@shala/contracts';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** POST /platform/institutions/:id/offboarding */
export class TerminateInstitutionDto implements TerminateInstitution {
  @ApiProperty({ description: 'The school\u2019s name, typed again exactly' })
  @IsString()
  @Length(1, 200)
  confirmName!: string;

  @ApiPropertyOptional({
    minimum: OFFBOARDING_RETENTION_MIN_DAYS,
    maximum: OFFBOARDING_RETENTION_MAX_DAYS,
    default: OFFBOARDING_RETENTION_DEFAULT_DAYS,
  })
  @IsOptional()
  @IsInt()
  @Min(OFFBOARDING_RETENTION_MIN_DAYS)
  @Max(OFFBOARDING_RETENTION_MAX_DAYS)
  retentionDays?: number;

  @ApiProperty({
    minLength: EXPORT_PASSPHRASE_MIN_LENGTH,
    description: 'The export passphrase the school admin chose; never stored',
  })
  @IsString()
  @Length(EXPORT_PASSPHRASE_MIN_LENGTH, EXPORT_PASSPHRASE_MAX_LENGTH)
  passphrase!: string;
}

/** POST /platform/institutions/:id/offboarding/export */
export class RestartInstitutionExportDto implements RestartInstitutionExport {
  @ApiProperty({ minLength: EXPORT_PASSPHRASE_MIN_LENGTH })
  @IsString()
  @Length(EXPORT_PASSPHRASE_MIN_LENGTH, EXPORT_PASSPHRASE_MAX_LENGTH)
  passphrase!: string;
}
