import { Global, Module } from '@nestjs/common';
import { AccessTokens } from './access-tokens';
import { DataKeysRepository } from './data-keys.repository';
import { FieldCrypto } from './field-crypto';
import { IdentityCache } from './identity-cache';
import { KeyRotation } from './key-rotation';
import { PasswordHasher } from './password-hasher';
import { SecretBox } from './secret-box';

/** Security primitives shared by every module: one instance each. */
@Global()
@Module({
  providers: [
    AccessTokens,
    PasswordHasher,
    SecretBox,
    IdentityCache,
    DataKeysRepository,
    FieldCrypto,
    KeyRotation,
  ],
  exports: [AccessTokens, PasswordHasher, SecretBox, IdentityCache, FieldCrypto, KeyRotation],
})
export class SecurityModule {}
