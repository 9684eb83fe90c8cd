import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { UsersRepository } from './users.repository';
import { UserCredentials } from './user-credentials.service';
import { UsersService } from './users.service';

@Module({
  imports: [AccessModule],
  providers: [UsersRepository, UsersService, UserCredentials],
  exports: [UsersService, UserCredentials],
})
export class UsersModule {}
