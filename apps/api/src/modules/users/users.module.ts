import { Module } from '@nestjs/common';
import { UsersRepository } from './users.repository';
import { UserCredentials } from './user-credentials.service';
import { UsersService } from './users.service';
import { UserAuditNames } from './user-audit-names';

@Module({
  providers: [UsersRepository, UsersService, UserCredentials, UserAuditNames],
  exports: [UsersService, UserCredentials],
})
export class UsersModule {}
