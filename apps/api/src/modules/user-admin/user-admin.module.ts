import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { StudentsModule } from '../students/students.module';
import { ActorReauthentication } from './actor-reauthentication.service';
import { InvitationsService } from './invitations.service';
import { UserAdminService } from './user-admin.service';
import { UsersController } from './users.controller';
import { UsersModule } from '../users/users.module';

/**
 * Account administration sits above auth (it sends invitations and ends sessions), so auth never imports it;
 * and above students, whose guardians and students get their accounts here.
 */
@Module({
  imports: [UsersModule, AccessModule, AuthModule, StudentsModule],
  controllers: [UsersController],
  providers: [UserAdminService, ActorReauthentication, InvitationsService],
  exports: [UserAdminService],
})
export class UserAdminModule {}
