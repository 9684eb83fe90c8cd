import { Module } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { IDENTITY_RESOLVER } from '../../platform/security/identity';
import { AttemptWindows } from '../../platform/security/throttling';
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
import { ProofOfWork } from './proof-of-work';
import { SessionsService } from './sessions.service';
import { SignInLimits } from './sign-in-limits';

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
    // The sign-in limits count in the throttler's store: Redis when configured, so replicas share counts.
    // The worker and seed contexts have no throttler module and count in memory (they never sign anyone in).
    {
      provide: AttemptWindows,
      useFactory: (storage?: ThrottlerStorage) => AttemptWindows.over(storage),
      inject: [{ token: ThrottlerStorage, optional: true }],
    },
    ProofOfWork,
    SignInLimits,
    AuthService,
    SessionIdentityResolver,
    { provide: IDENTITY_RESOLVER, useExisting: SessionIdentityResolver },
  ],
  exports: [AuthService, SessionsService, MfaService, IDENTITY_RESOLVER],
})
export class AuthModule {}
