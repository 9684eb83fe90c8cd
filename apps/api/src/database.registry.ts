import type { Schema } from './platform/database/data-source';
import { Foundation1763798400000 } from './platform/database/migrations/1763798400000-Foundation';
import { IdentityAndAudit1763884800000 } from './platform/database/migrations/1763884800000-IdentityAndAudit';
import { AcademicsAndStudents1763971200000 } from './platform/database/migrations/1763971200000-AcademicsAndStudents';
import { Attendance1764057600000 } from './platform/database/migrations/1764057600000-Attendance';
import {
  AttendanceDaySummary,
  AttendanceMark,
  AttendanceSettings,
  Holiday,
  LeaveRequest,
} from './modules/attendance/entities/attendance.entities';
import {
  AcademicYear,
  SchoolClass,
  Section,
  Subject,
  SubjectAssignment,
} from './modules/academics/entities/academics.entities';
import { Enrolment, Guardian, Student, StudentGuardian } from './modules/students/entities/student.entities';
import { TenantDataKey } from './platform/security/data-key.entity';
import { AuditChainHead, AuditEvent } from './modules/audit/entities/audit-event.entity';
import { RecoveryCode, RefreshToken, Session, UserToken } from './modules/auth/entities/session.entity';
import { Role, RolePermission, UserRole } from './modules/access/entities/role.entity';
import { Institution } from './modules/institutions/entities/institution.entity';
import { OutboxMessage } from './modules/notifications/entities/outbox-message.entity';
import { User } from './modules/users/entities/user.entity';

/** Every entity and migration of the app, in one place for the data source, the CLI and the tests. */
export const SCHEMA: Schema = {
  entities: [
    Institution,
    User,
    Role,
    RolePermission,
    UserRole,
    OutboxMessage,
    Session,
    RefreshToken,
    RecoveryCode,
    UserToken,
    AuditEvent,
    AuditChainHead,
    TenantDataKey,
    AcademicYear,
    SchoolClass,
    Section,
    Subject,
    SubjectAssignment,
    Student,
    Enrolment,
    Guardian,
    StudentGuardian,
    AttendanceSettings,
    Holiday,
    AttendanceMark,
    AttendanceDaySummary,
    LeaveRequest,
  ],
  migrations: [Foundation1763798400000, IdentityAndAudit1763884800000, AcademicsAndStudents1763971200000, Attendance1764057600000],
};
