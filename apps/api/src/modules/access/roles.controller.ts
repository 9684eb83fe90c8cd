import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { ALL_PERMISSIONS, Permission } from '@shala/contracts';
import { ApiNoBody, ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { CreateRoleDto, PermissionsDto, RenameRoleDto } from './dto/roles.dto';
import { RolesService } from './roles.service';

const BEYOND =
  'PERMISSION_GRANT_REFUSED: the role has, or would get, permissions the caller does not hold (AZ-02)';

@ApiTags('access')
@ApiBearerAuth()
@Controller()
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get('permissions')
  @RequirePermission(Permission.RolesRead)
  @ApiView('PermissionArea', { page: true, description: 'The permission catalogue, grouped by area' })
  catalogue() {
    const groups = new Map<string, Permission[]>();
    for (const p of ALL_PERMISSIONS)
      groups.set(p.split('.')[0]!, [...(groups.get(p.split('.')[0]!) ?? []), p]);
    return { items: [...groups].map(([area, permissions]) => ({ area, permissions })), nextCursor: null };
  }

  @Get('roles')
  @RequirePermission(Permission.RolesRead)
  @ApiView('RoleDto', { page: true })
  async list() {
    return { items: await this.roles.list(), nextCursor: null };
  }

  @Post('roles')
  @RequirePermission(Permission.RolesWrite)
  @ApiForbiddenResponse({ description: BEYOND })
  @ApiView('RoleDto', { status: 201 })
  create(@Body() body: CreateRoleDto) {
    return this.roles.create(body);
  }

  @Put('roles/:id/permissions')
  @RequirePermission(Permission.RolesWrite)
  @ApiForbiddenResponse({ description: BEYOND })
  @ApiView('RoleDto')
  setPermissions(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: PermissionsDto) {
    return this.roles.setPermissions(id, body.permissions);
  }

  @Patch('roles/:id')
  @RequirePermission(Permission.RolesWrite)
  @ApiForbiddenResponse({ description: BEYOND })
  @ApiView('RoleDto')
  rename(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RenameRoleDto) {
    return this.roles.rename(id, body.name);
  }

  @Delete('roles/:id')
  @HttpCode(204)
  @RequirePermission(Permission.RolesWrite)
  @ApiForbiddenResponse({ description: BEYOND })
  @ApiNoBody()
  async remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.roles.remove(id);
  }
}
