import { Module } from '@nestjs/common';
import { PasswordHasher } from '../../platform/security/password-hasher';
import { AccessModule } from '../access/access.module';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AccessModule],
  providers: [UsersRepository, UsersService, PasswordHasher],
  exports: [UsersService],
})
export class UsersModule {}
