import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module';
import { AccessService } from './access.service';
import { RolesController } from './roles.controller';
import { RolesService } from './roles.service';
import { RolePermissionsRepository, RolesRepository, UserRolesRepository } from './roles.repository';

@Module({
  imports: [InstitutionsModule],
  controllers: [RolesController],
  providers: [RolesRepository, RolePermissionsRepository, UserRolesRepository, AccessService, RolesService],
  exports: [AccessService],
})
export class AccessModule {}
