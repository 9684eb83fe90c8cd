import { Module } from '@nestjs/common';
import { UsersRepository } from './users.repository';
import { UserCredentials } from './user-credentials.service';
import { UsersService } from './users.service';

@Module({
  providers: [UsersRepository, UsersService, UserCredentials],
  exports: [UsersService, UserCredentials],
})
export class UsersModule {}
