import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import type {
  InvitationChannel,
  InvitationStatus,
  InviteUserRequest,
  ResendInvitationRequest,
  ResetUserMfaRequest,
} from '@shala/contracts';
import { PageQuery } from '../../../platform/http/page-query';

const ROLE_KEY = /^[a-z][a-z0-9_]{1,63}$/;
const PHONE = /^\+?[0-9][0-9 ()-]{8,18}$/;
const CHANNELS: InvitationChannel[] = ['email', 'sms', 'whatsapp'];

export class InviteUserDto implements InviteUserRequest {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(2, 200)
  displayName!: string;

  @ApiProperty({ type: [String], example: ['teacher'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(10)
  @Matches(ROLE_KEY, { each: true, message: 'each role must be a role key such as teacher' })
  roles!: string[];

  @ApiPropertyOptional({ enum: CHANNELS, description: 'how the link goes out (default email)' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: InvitationChannel;

  @ApiPropertyOptional({ description: "phone for SMS or WhatsApp (default: the guardian's phone)" })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number such as +91 98xxxxxxxx' })
  phone?: string;

  @ApiPropertyOptional({ description: 'link the new account to this guardian (a parent account)' })
  @IsOptional()
  @IsUUID()
  guardianId?: string;

  @ApiPropertyOptional({ description: 'link the new account to this student (a student account)' })
  @IsOptional()
  @IsUUID()
  studentId?: string;
}

/** POST users/:id/invitation: a new link on a channel (default: the last one); the old link stops working. */
export class ResendInvitationDto implements ResendInvitationRequest {
  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: InvitationChannel;

  @ApiPropertyOptional({ description: "phone for SMS or WhatsApp (default: the linked guardian's phone)" })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number such as +91 98xxxxxxxx' })
  phone?: string;
}

export class ListInvitationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'expired', 'revoked'] })
  @IsOptional()
  @IsIn(['pending', 'expired', 'revoked'])
  status?: InvitationStatus;
}

export class SetRolesDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(10)
  @Matches(ROLE_KEY, { each: true, message: 'each role must be a role key such as teacher' })
  roles!: string[];
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['active', 'invited', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'invited', 'disabled'])
  status?: 'active' | 'invited' | 'disabled';
}

/**
 * POST users/:id/mfa/reset (AUT-06). The caller's own credentials, not the user's: required when the user
 * holds users.write or roles.write, checked whenever sent.
 */
export class ResetMfaDto implements ResetUserMfaRequest {
  @ApiPropertyOptional({
    description:
      "The caller's current password. Required to reset a user who holds users.write or roles.write; " +
      'wrong: 401 REAUTHENTICATION_FAILED, missing when required: 403 REAUTHENTICATION_REQUIRED.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword?: string;

  @ApiPropertyOptional({
    description:
      "A current 6-digit code from the caller's authenticator app, required with the password when the " +
      "caller's MFA is on; wrong or reused: 401 INVALID_MFA_CODE.",
    example: '123456',
  })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'code must be 6 digits' })
  code?: string;
}
