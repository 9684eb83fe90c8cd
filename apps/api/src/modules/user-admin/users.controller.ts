import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { type AcceptedResponse, PAGE_LIMIT_DEFAULT, Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { AuthThrottle } from '../../platform/security/throttling';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { InviteUserDto, ListUsersQuery, ResetMfaDto, SetRolesDto } from './dto/users.dto';
import { UserAdminService } from './user-admin.service';

const OUTRANKED = 'USER_OUTRANKS_ACTOR: the user holds permissions the caller does not';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly admin: UserAdminService) {}

  @Get()
  @RequirePermission(Permission.UsersRead)
  @ApiView('UserDto', { page: true })
  list(@Query() query: ListUsersQuery) {
    return this.admin.list(query.limit ?? PAGE_LIMIT_DEFAULT, query.cursor, query.status);
  }

  @Get(':id')
  @RequirePermission(Permission.UsersRead)
  @ApiView('UserDto')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.get(id);
  }

  @Post('invitations')
  @RequirePermission(Permission.UsersWrite)
  @ApiForbiddenResponse({ description: 'ROLE_GRANT_REFUSED: a role carries permissions the caller lacks' })
  @ApiView('UserDto', { status: 201 })
  invite(@Body() body: InviteUserDto) {
    return this.admin.invite(body);
  }

  @Post(':id/invitation')
  @HttpCode(202)
  @RequirePermission(Permission.UsersWrite)
  @ApiForbiddenResponse({ description: OUTRANKED })
  @ApiView('AcceptedResponse', { status: 202 })
  async resendInvitation(@Param('id', new ParseUUIDPipe()) id: string): Promise<AcceptedResponse> {
    await this.admin.resendInvitation(id);
    return { status: 'accepted' };
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
