import { Module } from '@nestjs/common';
import { IDENTITY_RESOLVER } from '../../platform/security/identity';
import { AccessModule } from '../access/access.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { UsersModule } from '../users/users.module';
import { AuthController, MeController } from './auth.controller';
import {
  RecoveryCodesRepository,
  RefreshTokensRepository,
  SessionsRepository,
  UserTokensRepository,
} from './auth.repositories';
import { AuthService } from './auth.service';
import { SessionIdentityResolver } from './identity-resolver.service';
import { MfaService } from './mfa.service';
import { SessionsService } from './sessions.service';

@Module({
  imports: [UsersModule, AccessModule, InstitutionsModule],
  controllers: [AuthController, MeController],
  providers: [
    SessionsRepository,
    RefreshTokensRepository,
    RecoveryCodesRepository,
    UserTokensRepository,
    SessionsService,
    MfaService,
    AuthService,
    SessionIdentityResolver,
    { provide: IDENTITY_RESOLVER, useExisting: SessionIdentityResolver },
  ],
  exports: [AuthService, SessionsService, MfaService, IDENTITY_RESOLVER],
})
export class AuthModule {}
