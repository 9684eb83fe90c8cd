import type { Schema } from './platform/database/data-source';
import { Foundation1763798400000 } from './platform/database/migrations/1763798400000-Foundation';
import { Role, RolePermission, UserRole } from './modules/access/entities/role.entity';
import { Institution } from './modules/institutions/entities/institution.entity';
import { OutboxMessage } from './modules/notifications/entities/outbox-message.entity';
import { User } from './modules/users/entities/user.entity';

/** Every entity and migration of the app, in one place for the data source, the CLI and the tests. */
export const SCHEMA: Schema = {
  entities: [Institution, User, Role, RolePermission, UserRole, OutboxMessage],
  migrations: [Foundation1763798400000],
};
