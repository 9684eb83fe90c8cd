import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALES, type Locale, type LocaleRequest } from '@shala/contracts';
import {
  IsEmail,
  IsIn,
  IsJWT,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'greenwood' })
  @IsString()
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$/i, {
    message: 'institution must be the institution slug, e.g. greenwood',
  })
  institution!: string;

  @ApiProperty({ example: 'admin@greenwood.test' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({
    description:
      'After a 429 CHALLENGE_REQUIRED: base64 of JSON { challenge, solution: { counter, derivedKey } } ' +
      '(an ALTCHA v2 solution of details[0].challenge); each solution works once (AUT-07)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  proofOfWork?: string;
}

export class MfaVerifyDto {
  @ApiProperty()
  @IsJWT({ message: 'mfaToken must be the token the login answered with' })
  mfaToken!: string;

  @ApiPropertyOptional({ description: '6-digit code from the authenticator app' })
  @ValidateIf((o: MfaVerifyDto) => o.recoveryCode === undefined || o.code !== undefined)
  @Matches(/^[0-9]{6}$/, { message: 'code must be 6 digits' })
  code?: string;

  @ApiPropertyOptional({ description: 'one of the 10 recovery codes, instead of a code' })
  @ValidateIf((o: MfaVerifyDto) => o.recoveryCode !== undefined)
  @IsString()
  @Length(8, 20)
  recoveryCode?: string;
}

export class MfaTokenDto {
  @ApiProperty()
  @IsJWT({ message: 'mfaToken must be the token the login answered with' })
  mfaToken!: string;
}

export class MfaTokenCodeDto extends MfaTokenDto {
  @ApiProperty()
  @Matches(/^[0-9]{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

export class MfaCodeDto {
  @ApiProperty()
  @Matches(/^[0-9]{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

export class PasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class MfaDisableDto extends PasswordDto {
  @ApiProperty()
  @Matches(/^[0-9]{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class ResetRequestDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$/i, { message: 'institution must be the institution slug' })
  institution!: string;

  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'the token from the emailed link' })
  @IsString()
  @Length(40, 200)
  token!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'the token from the emailed link' })
  @IsString()
  @Length(40, 200)
  token!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class LocaleDto implements LocaleRequest {
  @ApiProperty({ enum: LOCALES, example: 'hi' })
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale!: Locale;
}
