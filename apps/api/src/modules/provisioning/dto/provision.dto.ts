import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class FirstAdminDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(2, 200)
  displayName!: string;
}

export class ProvisionInstitutionDto {
  @ApiProperty({ example: 'lakeside' })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$/, {
    message: 'slug must be 2-63 lowercase letters, digits or inner hyphens',
  })
  slug!: string;

  @ApiProperty({ example: 'Lakeside Academy' })
  @IsString()
  @Length(2, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'Asia/Kolkata' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ example: 'INR' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as INR' })
  currency?: string;

  @ApiProperty({ type: FirstAdminDto })
  @IsDefined({ message: 'admin is required: the first school admin (email and name)' })
  @ValidateNested()
  @Type(() => FirstAdminDto)
  admin!: FirstAdminDto;
}

export class InstitutionStatusDto {
  @ApiProperty({ enum: ['active', 'suspended'] })
  @IsIn(['active', 'suspended'])
  status!: 'active' | 'suspended';
}
