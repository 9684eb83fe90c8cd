import { Global, Module } from '@nestjs/common';
import { AccessTokens } from './access-tokens';
import { DataKeysRepository } from './data-keys.repository';
import { FieldCrypto } from './field-crypto';
import { KeyRotation } from './key-rotation';
import { PasswordHasher } from './password-hasher';
import { SecretBox } from './secret-box';
import { SessionCache } from './session-cache';

/** Security primitives shared by every module: one instance each. */
@Global()
@Module({
  providers: [
    AccessTokens,
    PasswordHasher,
    SecretBox,
    SessionCache,
    DataKeysRepository,
    FieldCrypto,
    KeyRotation,
  ],
  exports: [AccessTokens, PasswordHasher, SecretBox, SessionCache, FieldCrypto, KeyRotation],
})
export class SecurityModule {}
