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
import { AuthLookups } from './auth-lookups.service';
import { CurrentSessionService } from './current-session.service';
import { SessionIdentityResolver } from './identity-resolver.service';
import { LoginService } from './login.service';
import { MfaService } from './mfa.service';
import { PasswordService } from './password.service';
import { ProofOfWork } from './proof-of-work';
import { ReauthenticationService } from './reauthentication.service';
import { SessionsService } from './sessions.service';
import { SignInLimits } from './sign-in-limits';
import { TotpService } from './totp.service';

@Module({
  imports: [UsersModule, AccessModule, InstitutionsModule],
  controllers: [AuthController, MeController],
  providers: [
    SessionsRepository,
    RefreshTokensRepository,
    RecoveryCodesRepository,
    UserTokensRepository,
    SessionsService,
    TotpService,
    ReauthenticationService,
    MfaService,
    AuthLookups,
    // The sign-in limits count in the throttler's store: Redis when configured, so replicas share counts.
    // The worker and seed contexts have no throttler module and count in memory (they never sign anyone in).
    {
      provide: AttemptWindows,
      useFactory: (storage?: ThrottlerStorage) => AttemptWindows.over(storage),
      inject: [{ token: ThrottlerStorage, optional: true }],
    },
    ProofOfWork,
    SignInLimits,
    LoginService,
    CurrentSessionService,
    PasswordService,
    SessionIdentityResolver,
    { provide: IDENTITY_RESOLVER, useExisting: SessionIdentityResolver },
  ],
  exports: [
    PasswordService,
    ReauthenticationService,
    SessionsService,
    MfaService,
    TotpService,
    IDENTITY_RESOLVER,
  ],
})
export class AuthModule {}
