import { Injectable } from '@nestjs/common';
import { ClsService, ClsStore } from 'nestjs-cls';
import { TenantIsolationError } from '../errors/domain-error';

/** What the request context (nestjs-cls, backed by AsyncLocalStorage) carries through one request or job. */
export interface ShalaStore extends ClsStore {
  requestId?: string;
  tenantId?: string;
  userId?: string;
  sessionId?: string;
  roles?: string[];
  permissions?: string[];
  ip?: string;
  userAgent?: string;
  /** Values read once per request or job, by `tenant|name` (see `RequestContext.memo`). */
  memo?: Map<string, Promise<unknown>>;
}

export interface RequestIdentity {
  tenantId: string;
  userId: string;
  sessionId?: string;
  roles?: string[];
  permissions?: string[];
}

/**
 * The one place code reads who is acting and for which institution. The tenant comes only from the
 * verified token (TEN-01) or from an explicit `runAsTenant` in jobs, seeds and tests; reading it where
 * none is set throws instead of silently matching every tenant.
 */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService<ShalaStore>) {}

  /** The current tenant id; throws when there is none (TEN-01). */
  get tenantId(): string {
    const tenantId = this.cls.isActive() ? this.cls.get('tenantId') : undefined;
    if (typeof tenantId !== 'string' || tenantId.length === 0) {
      throw new TenantIsolationError(
        'No tenant in the request context: tenant data was read outside a tenant scope.',
      );
    }
    return tenantId;
  }

  get hasTenant(): boolean {
    return this.cls.isActive() && !!this.cls.get('tenantId');
  }

  get userId(): string | null {
    return (this.cls.isActive() && this.cls.get('userId')) || null;
  }

  get sessionId(): string | null {
    return (this.cls.isActive() && this.cls.get('sessionId')) || null;
  }

  get roles(): readonly string[] {
    return (this.cls.isActive() && this.cls.get('roles')) || [];
  }

  get requestId(): string | null {
    return (this.cls.isActive() && (this.cls.get('requestId') ?? this.cls.getId())) || null;
  }

  get permissions(): readonly string[] {
    return (this.cls.isActive() && this.cls.get('permissions')) || [];
  }

  /**
   * `load`ed once for the rest of this request or job, per tenant: later calls (concurrent ones too) share
   * the first promise; a failed load is forgotten. Outside a context it simply loads.
   */
  memo<T>(name: string, load: () => Promise<T>): Promise<T> {
    const key = `${this.tenantId}|${name}`;
    if (!this.cls.isActive()) return load();
    let memo = this.cls.get('memo');
    if (!memo) {
      memo = new Map();
      this.cls.set('memo', memo);
    }
    const hit = memo.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const value = load();
    memo.set(key, value);
    value.catch(() => memo.delete(key));
    return value;
  }

  /** Drops a memoised value of `tenantId` from this context, after the request itself changed it. */
  forgetMemo(tenantId: string, name: string): void {
    if (this.cls.isActive()) this.cls.get('memo')?.delete(`${tenantId}|${name}`);
  }

  /** Called by the authentication guard once the token is verified. */
  setIdentity(identity: RequestIdentity): void {
    if (!identity.tenantId) throw new TenantIsolationError('Refusing to set an empty tenant id.');
    this.cls.set('tenantId', identity.tenantId);
    this.cls.set('userId', identity.userId);
    if (identity.sessionId) this.cls.set('sessionId', identity.sessionId);
    this.cls.set('roles', identity.roles ?? []);
    this.cls.set('permissions', identity.permissions ?? []);
  }

  /** Runs `fn` in a fresh context bound to one tenant: for jobs, seeds, CLI commands and tests. */
  runAsTenant<T>(tenantId: string, fn: () => Promise<T>, userId?: string): Promise<T> {
    if (!tenantId)
      return Promise.reject(new TenantIsolationError('Refusing to run with an empty tenant id.'));
    return this.cls.run({ ifNested: 'inherit' }, () => {
      this.cls.set('tenantId', tenantId);
      if (userId) this.cls.set('userId', userId);
      // A job's values are read afresh, not shared with a long-lived outer context (an inherited store
      // would otherwise hand every tenant's job the outer context's memo).
      this.cls.set('memo', undefined);
      return fn();
    });
  }

  /** Runs `fn` in a fresh context with no tenant (platform work such as provisioning). */
  runWithoutTenant<T>(fn: () => Promise<T>): Promise<T> {
    return this.cls.run({ ifNested: 'override' }, fn);
  }
}
