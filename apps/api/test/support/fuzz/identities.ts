import { DefaultRole } from '@shala/contracts';
import { SessionsService } from '../../../src/modules/auth/sessions.service';
import type { Institution } from '../../../src/modules/institutions/entities/institution.entity';
import { TenantCache } from '../../../src/platform/cache/tenant-cache';
import { AccessTokens } from '../../../src/platform/security/access-tokens';
import { API_LIMIT } from '../../../src/platform/security/throttling';
import { Account, signIn } from '../accounts';
import type { TestApp } from '../test-app';

export type FuzzRole = DefaultRole | 'anonymous';

export const FUZZ_ROLES: readonly FuzzRole[] = [...Object.values(DefaultRole), 'anonymous'];

/** Requests one identity may send in a sliding minute: under the per-user API limit, with room to spare. */
const PER_MINUTE = API_LIMIT[0] - 60;

export interface Identity {
  role: DefaultRole;
  userId: string;
  tenantId: string;
  token: string;
  hits: number[];
}

/** Who the fuzzer acts as: the account of each role plus its extra identities, in its institution. */
export interface RoleSeat {
  role: DefaultRole;
  institution: Institution;
  /** Signed in over HTTP (password, TOTP where the role needs MFA). */
  account: Account;
  /** More users of the same role, so the per-user API limit does not starve the run. */
  extraUserIds: string[];
}

/**
 * Signed-in callers for every role. The first identity of a role signed in through the real login (with
 * TOTP for MFA roles); the others get sessions straight from the session service. When fuzzing ends a
 * session (logout, sign out everywhere, deactivation, role change, suspension) `revive` restores the
 * caller and issues a new session, so one operation's side effects cannot fail the next for the wrong
 * reason.
 */
export class Callers {
  private readonly identities = new Map<DefaultRole, Identity[]>();
  private ip = 0;
  private saved: CallerState | null = null;

  private constructor(
    private readonly t: TestApp,
    private readonly seats: RoleSeat[],
  ) {}

  static async signIn(t: TestApp, seats: RoleSeat[]): Promise<Callers> {
    const callers = new Callers(t, seats);
    for (const seat of seats) {
      const signed = await signIn(t, seat.account, callers.nextIp());
      const first: Identity = {
        role: seat.role,
        userId: seat.account.id,
        tenantId: seat.institution.id,
        token: signed.accessToken,
        hits: [],
      };
      const extra: Identity[] = [];
      for (const userId of seat.extraUserIds) {
        const identity: Identity = {
          role: seat.role,
          userId,
          tenantId: seat.institution.id,
          token: '',
          hits: [],
        };
        await callers.mint(identity);
        extra.push(identity);
      }
      callers.identities.set(seat.role, [first, ...extra]);
    }
    await callers.snapshot();
    return callers;
  }

  /** A different client address per request: the per-IP sign-in limits then count per request. */
  nextIp(): string {
    const n = ++this.ip;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  tenantOf(role: DefaultRole): string {
    return this.seats.find((s) => s.role === role)!.institution.id;
  }

  /** The role's first identity with room under the API limit (the least used one when all are busy). */
  pick(role: DefaultRole): Identity {
    const now = Date.now();
    const all = this.identities.get(role)!;
    for (const identity of all) {
      while (identity.hits.length > 0 && identity.hits[0]! < now - 60_000) identity.hits.shift();
    }
    const chosen =
      all.find((i) => i.hits.length < PER_MINUTE) ??
      all.reduce((a, b) => (a.hits.length <= b.hits.length ? a : b));
    chosen.hits.push(now);
    return chosen;
  }

  /** Counts a request sent outside `pick` (the session check) against the identity's API limit. */
  touch(identity: Identity): void {
    identity.hits.push(Date.now());
  }

  private async mint(identity: Identity): Promise<void> {
    const { session } = await this.t.context.runAsTenant(identity.tenantId, () =>
      this.t.app.get(SessionsService).start(identity.userId, { ip: '10.255.0.1', userAgent: 'shala-fuzz' }),
    );
    identity.token = await this.t.app
      .get(AccessTokens)
      .issueAccess({ sub: identity.userId, tid: identity.tenantId, sid: session.id });
  }

  /** Puts the caller's institution, account and roles back as they were, and starts a new session. */
  async revive(identity: Identity): Promise<void> {
    await this.restore();
    await this.mint(identity);
  }

  private get allIdentities(): Identity[] {
    return [...this.identities.values()].flat();
  }

  private raw<T>(sql: string, params: unknown[] = []): Promise<T> {
    return this.t.db.acrossTenants(
      'the fuzzer restores its callers',
      () => this.t.dataSource.query(sql, params) as Promise<T>,
    );
  }

  private async readState(): Promise<CallerState> {
    const tenants = [...new Set(this.seats.map((s) => s.institution.id))];
    const users = this.allIdentities.map((i) => i.userId);
    const marks = (list: unknown[]) => list.map(() => '?').join(',');
    const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    return {
      institutions: sorted(
        await this.raw<Row[]>(`SELECT id, status FROM institutions WHERE id IN (${marks(tenants)})`, tenants),
      ),
      users: sorted(
        await this.raw<Row[]>(`SELECT id, status FROM users WHERE id IN (${marks(users)})`, users),
      ),
      userRoles: sorted(
        await this.raw<Row[]>(
          `SELECT tenant_id, user_id, role_id FROM user_roles WHERE user_id IN (${marks(users)})`,
          users,
        ),
      ),
      rolePermissions: sorted(
        await this.raw<Row[]>(
          `SELECT rp.tenant_id, rp.role_id, rp.permission FROM role_permissions rp JOIN roles r ON r.id = rp.role_id AND r.tenant_id = rp.tenant_id WHERE r.is_system = 1 AND rp.tenant_id IN (${marks(tenants)})`,
          tenants,
        ),
      ),
    };
  }

  /** Remembers the callers' institutions, accounts, roles and default-role permissions as they are now. */
  async snapshot(): Promise<void> {
    this.saved = await this.readState();
  }

  /**
   * Puts back what fuzzing changed about the callers themselves: a suspended institution, a deactivated
   * account, changed roles, changed permissions of a default role. Written directly to the tables, so the
   * repair does not depend on the rules under test.
   */
  async restore(): Promise<void> {
    const saved = this.saved;
    if (!saved) return;
    const now = await this.readState();
    const parse = (rows: string[]) => rows.map((r) => JSON.parse(r) as Row);
    if (now.institutions.join() !== saved.institutions.join()) {
      for (const row of parse(saved.institutions)) {
        await this.raw('UPDATE institutions SET status = ? WHERE id = ?', [row.status, row.id]);
        this.t.app.get(TenantCache).invalidateFor(String(row.id), 'institution:');
      }
    }
    if (now.users.join() !== saved.users.join())
      for (const row of parse(saved.users))
        await this.raw('UPDATE users SET status = ? WHERE id = ?', [row.status, row.id]);
    if (now.userRoles.join() !== saved.userRoles.join()) {
      const users = this.allIdentities.map((i) => i.userId);
      await this.raw(`DELETE FROM user_roles WHERE user_id IN (${users.map(() => '?').join(',')})`, users);
      for (const row of parse(saved.userRoles))
        await this.raw('INSERT INTO user_roles (tenant_id, user_id, role_id) VALUES (?, ?, ?)', [
          row.tenant_id,
          row.user_id,
          row.role_id,
        ]);
    }
    if (now.rolePermissions.join() !== saved.rolePermissions.join()) {
      const rows = parse(saved.rolePermissions);
      for (const roleId of new Set(rows.map((r) => r.role_id)))
        await this.raw('DELETE FROM role_permissions WHERE role_id = ?', [roleId]);
      for (const row of rows)
        await this.raw('INSERT INTO role_permissions (tenant_id, role_id, permission) VALUES (?, ?, ?)', [
          row.tenant_id,
          row.role_id,
          row.permission,
        ]);
    }
  }
}

type Row = Record<string, unknown>;

interface CallerState {
  institutions: string[];
  users: string[];
  userRoles: string[];
  rolePermissions: string[];
}
