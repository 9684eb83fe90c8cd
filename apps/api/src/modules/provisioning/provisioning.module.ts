import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { UsersModule } from '../users/users.module';
import { OffboardingModule } from './offboarding/offboarding.module';
import { ProvisioningController } from './provisioning.controller';
import { FirstAdminInvitations } from './first-admin-invitations.service';
import { ProvisioningService } from './provisioning.service';

@Module({
  imports: [InstitutionsModule, AccessModule, AuthModule, UsersModule, OffboardingModule],
  controllers: [ProvisioningController],
  providers: [ProvisioningService, FirstAdminInvitations],
})
export class ProvisioningModule {}
