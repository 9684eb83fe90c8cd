import { Injectable, OnModuleInit } from '@nestjs/common';
import { ACTOR_TARGET_TYPE, AuditNames } from '../audit/audit-names';
import { UsersService } from './users.service';

/** Names users in the audit log, as actors and as targets: their display name (no email, no contact). */
@Injectable()
export class UserAuditNames implements OnModuleInit {
  constructor(
    private readonly names: AuditNames,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.names.register(
      ACTOR_TARGET_TYPE,
      async (ids) => new Map((await this.users.findByIds(ids)).map((u) => [u.id, u.displayName])),
    );
    this.names.registerLocale(async (id) => (await this.users.findByIds([id]))[0]?.locale ?? null);
  }
}
