import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommonErrorCode } from '@shala/contracts';
import type { FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { DomainError } from '../errors/domain-error';
import { attachIdentity } from '../http/request-id';
import { RequestContext, ShalaStore } from '../tenancy/request-context';
import { AccessTokens, InvalidTokenError } from './access-tokens';
import { IDENTITY_RESOLVER, IdentityResolver } from './identity';
import { AUTHENTICATED_ONLY, PUBLIC_ROUTE, REQUIRED_PERMISSION } from './route-policy.decorators';

export class NotAuthenticatedError extends DomainError {
  constructor(message = 'Sign in to continue.', code: string = CommonErrorCode.Unauthenticated) {
    super(401, code, message);
  }
}

export class PermissionDeniedError extends DomainError {
  constructor(permission: string) {
    super(403, CommonErrorCode.Forbidden, `You do not have the "${permission}" permission.`);
  }
}

/**
 * The global guard, deny by default (AZ-01): a route is public, or needs a verified access token (AUT-03)
 * of a live session (AUT-05), and then the permission it declares (AZ-02, AZ-05: read on every request).
 * It is also where the tenant enters the request context, from the token only (TEN-01).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly context: RequestContext,
    private readonly cls: ClsService<ShalaStore>,
    @Inject(IDENTITY_RESOLVER) private readonly identities: IdentityResolver,
  ) {}

  private meta<T>(key: string, ctx: ExecutionContext): T | undefined {
    return this.reflector.getAllAndOverride<T>(key, [ctx.getHandler(), ctx.getClass()]);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    if (this.cls.isActive()) this.cls.set('ip', request.ip);
    if (this.meta<boolean>(PUBLIC_ROUTE, ctx)) return true;

    const permission = this.meta<string>(REQUIRED_PERMISSION, ctx);
    if (!permission && !this.meta<boolean>(AUTHENTICATED_ONLY, ctx)) {
      // A route without a policy is a bug; the route inventory test keeps this from shipping.
      throw new PermissionDeniedError('undeclared');
    }

    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match) throw new NotAuthenticatedError();
    let claims;
    try {
      claims = await this.tokens.verifyAccess(match[1]!);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        throw new NotAuthenticatedError(
          error.message === 'ERR_JWT_EXPIRED'
            ? 'Your sign-in has expired; refresh it.'
            : 'The access token is not valid.',
          error.message === 'ERR_JWT_EXPIRED' ? 'ACCESS_TOKEN_EXPIRED' : 'ACCESS_TOKEN_INVALID',
        );
      }
      throw error;
    }
    this.context.setIdentity({ tenantId: claims.tid, userId: claims.sub, sessionId: claims.sid });
    const grants = await this.identities.resolve(claims);
    if (!grants) throw new NotAuthenticatedError('Your session has ended; sign in again.', 'SESSION_REVOKED');
    this.context.setIdentity({ tenantId: claims.tid, userId: claims.sub, sessionId: claims.sid, ...grants });
    attachIdentity(request.raw, { tenantId: claims.tid, userId: claims.sub });
    if (permission && !grants.permissions.includes(permission)) throw new PermissionDeniedError(permission);
    return true;
  }
}
