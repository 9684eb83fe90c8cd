import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module';
import { UsersModule } from '../users/users.module';
import { AccessService } from './access.service';
import { RolesController } from './roles.controller';
import { RolesService } from './roles.service';
import { RolePermissionsRepository, RolesRepository, UserRolesRepository } from './roles.repository';
import { UserAccounts } from './user-accounts.service';

@Module({
  imports: [InstitutionsModule, UsersModule],
  controllers: [RolesController],
  providers: [
    RolesRepository,
    RolePermissionsRepository,
    UserRolesRepository,
    AccessService,
    RolesService,
    UserAccounts,
  ],
  exports: [AccessService, UserAccounts],
})
export class AccessModule {}
