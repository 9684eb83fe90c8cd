import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { ActorReauthentication } from './actor-reauthentication.service';
import { UserAdminService } from './user-admin.service';
import { UsersController } from './users.controller';
import { UsersModule } from '../users/users.module';

/** Account administration sits above auth (it sends invitations and ends sessions), so auth never imports it. */
@Module({
  imports: [UsersModule, AccessModule, AuthModule],
  controllers: [UsersController],
  providers: [UserAdminService, ActorReauthentication],
  exports: [UserAdminService],
})
export class UserAdminModule {}
