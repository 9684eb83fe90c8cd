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
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ALL_PERMISSIONS, Permission } from '@shala/contracts';
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
  @ApiOkResponse({ description: 'The permission catalogue, grouped by area' })
  catalogue() {
    const groups = new Map<string, string[]>();
    for (const p of ALL_PERMISSIONS)
      groups.set(p.split('.')[0]!, [...(groups.get(p.split('.')[0]!) ?? []), p]);
    return { items: [...groups].map(([area, permissions]) => ({ area, permissions })), nextCursor: null };
  }

  @Get('roles')
  @RequirePermission(Permission.RolesRead)
  async list() {
    return { items: await this.roles.list(), nextCursor: null };
  }

  @Post('roles')
  @RequirePermission(Permission.RolesWrite)
  @ApiForbiddenResponse({ description: BEYOND })
  create(@Body() body: CreateRoleDto) {
    return this.roles.create(body);
  }

  @Put('roles/:id/permissions')
  @RequirePermission(Permission.RolesWrite)
  @ApiForbiddenResponse({ description: BEYOND })
  setPermissions(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: PermissionsDto) {
    return this.roles.setPermissions(id, body.permissions);
  }

  @Patch('roles/:id')
  @RequirePermission(Permission.RolesWrite)
  @ApiForbiddenResponse({ description: BEYOND })
  rename(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RenameRoleDto) {
    return this.roles.rename(id, body.name);
  }

  @Delete('roles/:id')
  @HttpCode(204)
  @RequirePermission(Permission.RolesWrite)
  @ApiForbiddenResponse({ description: BEYOND })
  async remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.roles.remove(id);
  }
}
