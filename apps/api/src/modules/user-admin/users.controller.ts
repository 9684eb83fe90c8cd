import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { PAGE_LIMIT_DEFAULT, Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { AuthThrottle } from '../../platform/security/throttling';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import {
  InviteUserDto,
  ListInvitationsQuery,
  ListUsersQuery,
  ResendInvitationDto,
  ResetMfaDto,
  SetRolesDto,
} from './dto/users.dto';
import { InvitationsService } from './invitations.service';
import { UserAdminService } from './user-admin.service';

const OUTRANKED = 'USER_OUTRANKS_ACTOR: the user holds permissions the caller does not';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly admin: UserAdminService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @RequirePermission(Permission.UsersRead)
  @ApiView('UserDto', { page: true })
  list(@Query() query: ListUsersQuery) {
    return this.admin.list(query.limit ?? PAGE_LIMIT_DEFAULT, query.cursor, query.status);
  }

  @Get('invitations')
  @RequirePermission(Permission.UsersWrite)
  @ApiView('InvitationView', { page: true })
  listInvitations(@Query() query: ListInvitationsQuery) {
    return this.invitations.list(query.limit ?? PAGE_LIMIT_DEFAULT, query.cursor, query.status);
  }

  @Get('invitations/channels')
  @RequirePermission(Permission.UsersWrite)
  @ApiView('InvitationChannelsView')
  invitationChannels() {
    return this.invitations.channels();
  }

  @Get(':id')
  @RequirePermission(Permission.UsersRead)
  @ApiView('UserDto')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.get(id);
  }

  @Post('invitations')
  @RequirePermission(Permission.UsersWrite)
  @ApiForbiddenResponse({
    description:
      'ROLE_GRANT_REFUSED: a role carries permissions the caller lacks; ACCOUNT_LINK_NEEDS_STUDENTS_WRITE',
  })
  @ApiView('InvitedUser', {
    status: 201,
    description: 'oneTimeLink is set only when the message cannot be delivered; it is never shown again',
  })
  invite(@Body() body: InviteUserDto) {
    return this.invitations.invite(body);
  }

  @Post(':id/invitation')
  @HttpCode(202)
  @RequirePermission(Permission.UsersWrite)
  @ApiForbiddenResponse({ description: OUTRANKED })
  @ApiView('InvitedUser', { status: 202, description: 'a new link; the previous one no longer works' })
  resendInvitation(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ResendInvitationDto) {
    return this.invitations.resend(id, body ?? {});
  }

  @Delete(':id/invitation')
  @RequirePermission(Permission.UsersWrite)
  @ApiForbiddenResponse({ description: OUTRANKED })
  @ApiView('InvitationView', { description: 'the link no longer works; the account stays invited' })
  revokeInvitation(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.invitations.revoke(id);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermission(Permission.UsersWrite)
  @ApiForbiddenResponse({ description: OUTRANKED })
  @ApiView('UserDto')
  deactivate(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.deactivate(id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @RequirePermission(Permission.UsersWrite)
  @ApiForbiddenResponse({ description: OUTRANKED })
  @ApiView('UserDto')
  reactivate(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.reactivate(id);
  }

  @Put(':id/roles')
  @RequirePermission(Permission.RolesWrite)
  @ApiForbiddenResponse({ description: 'ROLE_GRANT_REFUSED or USER_OUTRANKS_ACTOR' })
  @ApiView('UserDto')
  setRoles(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: SetRolesDto) {
    return this.admin.setRoles(id, body.roles);
  }

  @Post(':id/mfa/reset')
  @HttpCode(200)
  @RequirePermission(Permission.UsersWrite)
  @AuthThrottle('reauth')
  @ApiForbiddenResponse({
    description:
      'USER_OUTRANKS_ACTOR, MFA_RESET_NEEDS_ROLES_WRITE or REAUTHENTICATION_REQUIRED (a user holding ' +
      'users.write or roles.write needs the caller password and TOTP code)',
  })
  @ApiUnauthorizedResponse({ description: 'REAUTHENTICATION_FAILED or INVALID_MFA_CODE: nothing was reset' })
  @ApiView('UserDto')
  resetMfa(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ResetMfaDto) {
    return this.admin.resetMfa(id, body ?? {});
  }
}
