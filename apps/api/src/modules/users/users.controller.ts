import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PAGE_LIMIT_DEFAULT, Permission } from '@shala/contracts';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { InviteUserDto, ListUsersQuery, SetRolesDto } from './dto/users.dto';
import { UserAdminService } from './user-admin.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly admin: UserAdminService) {}

  @Get()
  @RequirePermission(Permission.UsersRead)
  list(@Query() query: ListUsersQuery) {
    return this.admin.list(query.limit ?? PAGE_LIMIT_DEFAULT, query.cursor, query.status);
  }

  @Get(':id')
  @RequirePermission(Permission.UsersRead)
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.get(id);
  }

  @Post('invitations')
  @RequirePermission(Permission.UsersWrite)
  invite(@Body() body: InviteUserDto) {
    return this.admin.invite(body);
  }

  @Post(':id/invitation')
  @HttpCode(202)
  @RequirePermission(Permission.UsersWrite)
  async resendInvitation(@Param('id', new ParseUUIDPipe()) id: string) {
    await this.admin.resendInvitation(id);
    return { status: 'accepted' };
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermission(Permission.UsersWrite)
  deactivate(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.deactivate(id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @RequirePermission(Permission.UsersWrite)
  reactivate(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.reactivate(id);
  }

  @Put(':id/roles')
  @RequirePermission(Permission.RolesWrite)
  setRoles(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: SetRolesDto) {
    return this.admin.setRoles(id, body.roles);
  }

  @Post(':id/mfa/reset')
  @HttpCode(200)
  @RequirePermission(Permission.UsersWrite)
  resetMfa(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.resetMfa(id);
  }
}
