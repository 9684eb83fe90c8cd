import { Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { RolePermissionsRepository, RolesRepository, UserRolesRepository } from './roles.repository';

@Module({
  providers: [RolesRepository, RolePermissionsRepository, UserRolesRepository, AccessService],
  exports: [AccessService],
})
export class AccessModule {}
