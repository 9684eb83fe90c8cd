import type { Schema } from './platform/database/data-source';
import { Foundation1763798400000 } from './platform/database/migrations/1763798400000-Foundation';
import { IdentityAndAudit1763884800000 } from './platform/database/migrations/1763884800000-IdentityAndAudit';
import { AcademicsAndStudents1763971200000 } from './platform/database/migrations/1763971200000-AcademicsAndStudents';
import { Attendance1764057600000 } from './platform/database/migrations/1764057600000-Attendance';
import { UserLocale1765100000001 } from './platform/database/migrations/1765100000001-UserLocale';
import { InvitationDelivery1765100000007 } from './platform/database/migrations/1765100000007-InvitationDelivery';
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
import {
  ChannelSettingsRow,
  NotificationPreferencesRow,
} from './modules/notifications/entities/channel-settings.entity';
import { GuardianConsent, GuardianConsentEvent } from './modules/notifications/entities/consent.entity';
import { MessageEvent } from './modules/notifications/entities/message-event.entity';
import { NotificationTemplate } from './modules/notifications/entities/notification-template.entity';
import { Notifications1764144000000 } from './platform/database/migrations/1764144000000-Notifications';
import { User } from './modules/users/entities/user.entity';
import { FEE_ENTITIES } from './modules/fees/entities/fees.entities';
import { Fees1764230400000 } from './platform/database/migrations/1764230400000-Fees';
import { FEE_RULE_ENTITIES } from './modules/fees/entities/fee-rules.entities';
import { FeeRules1764230400001 } from './platform/database/migrations/1764230400001-FeeRules';
import { FEE_GATEWAY_ENTITIES } from './modules/fees/entities/fee-gateway.entities';
import { FeeGatewaySettings1764316800100 } from './platform/database/migrations/1764316800100-FeeGatewaySettings';
import { EXAM_ENTITIES } from './modules/exams/entities/exams.entities';
import { Exams1765000000000 } from './platform/database/migrations/1765000000000-Exams';
import { SCHEDULE_ENTITIES } from './modules/exams/entities/schedule.entities';
import { ExamSchedule1765000000001 } from './platform/database/migrations/1765000000001-ExamSchedule';
import { FeePaymentInstruments1765100000003 } from './platform/database/migrations/1765100000003-FeePaymentInstruments';
import { INSTITUTION_PROFILE_ENTITIES } from './modules/institutions/entities/institution-profile.entity';
import { SchoolStorageRow } from './modules/institutions/entities/school-storage.entity';
import { InstitutionProfile1765100000002 } from './platform/database/migrations/1765100000002-InstitutionProfile';
import { StudentSearchKey1765100000004 } from './platform/database/migrations/1765100000004-StudentSearchKey';
import { PrivacyRequest } from './modules/privacy/entities/privacy-request.entity';
import { PrivacyRequests1765100000008 } from './platform/database/migrations/1765100000008-PrivacyRequests';
import { InvoiceOutstanding1765100000009 } from './platform/database/migrations/1765100000009-InvoiceOutstanding';
import { SchoolStorage1765100000017 } from './platform/database/migrations/1765100000017-SchoolStorage';
import { PrivacyGrievance, PrivacyGrievanceOfficer } from './modules/privacy/grievances/grievance.entities';
import { PrivacyGrievances1765100000010 } from './platform/database/migrations/1765100000010-PrivacyGrievances';
import { INCIDENT_ENTITIES } from './modules/privacy/incidents/incident.entities';
import { PrivacyIncidents1765100000011 } from './platform/database/migrations/1765100000011-PrivacyIncidents';
import { PrivacyErasure } from './modules/privacy/erasure/privacy-erasure.entity';
import { PrivacyErasure1765100000014 } from './platform/database/migrations/1765100000014-PrivacyErasure';
import { PRIVACY_NOTICE_ENTITIES } from './modules/privacy/notice/privacy-notice.entities';
import { PrivacyNotices1765100000015 } from './platform/database/migrations/1765100000015-PrivacyNotices';
import { STUDENT_CONSENT_ENTITIES } from './modules/students/entities/student-consent.entities';
import { GuardianConsents1765100000013 } from './platform/database/migrations/1765100000013-GuardianConsents';
import { RETENTION_ENTITIES } from './modules/privacy/retention/retention.entities';
import { RetentionPolicy1765100000012 } from './platform/database/migrations/1765100000012-RetentionPolicy';

import { OFFBOARDING_ENTITIES } from './modules/provisioning/offboarding/entities/offboarding.entities';
import { InstitutionOffboarding1765100000016 } from './platform/database/migrations/1765100000016-InstitutionOffboarding';
import { TIMETABLE_ENTITIES } from './modules/timetable/entities/timetable.entities';
import { Timetable1765200000010 } from './platform/database/migrations/1765200000010-Timetable';
import { CIRCULAR_ENTITIES } from './modules/circulars/entities/circular.entities';
import { Circulars1765200000020 } from './platform/database/migrations/1765200000020-Circulars';
import { CALENDAR_ENTITIES } from './modules/calendar/entities/calendar.entities';
import { SchoolCalendar1765200000030 } from './platform/database/migrations/1765200000030-SchoolCalendar';
import { AuditHeadTrigger1765300000000 } from './platform/database/migrations/1765300000000-AuditHeadTrigger';

/** Every entity and migration of the app, in one place for the data source, the CLI and the tests. */
export const SCHEMA: Schema = {
  entities: [
    Institution,
    User,
    Role,
    RolePermission,
    UserRole,
    OutboxMessage,
    MessageEvent,
    NotificationTemplate,
    ChannelSettingsRow,
    NotificationPreferencesRow,
    GuardianConsent,
    GuardianConsentEvent,
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
    ...FEE_ENTITIES,
    ...FEE_RULE_ENTITIES,
    ...FEE_GATEWAY_ENTITIES,
    ...EXAM_ENTITIES,
    ...SCHEDULE_ENTITIES,
    ...INSTITUTION_PROFILE_ENTITIES,
    SchoolStorageRow,
    PrivacyRequest,
    PrivacyGrievance,
    PrivacyGrievanceOfficer,
    ...INCIDENT_ENTITIES,
    PrivacyErasure,
    ...PRIVACY_NOTICE_ENTITIES,
    ...STUDENT_CONSENT_ENTITIES,
    ...RETENTION_ENTITIES,
    ...OFFBOARDING_ENTITIES,
    ...TIMETABLE_ENTITIES,
    ...CIRCULAR_ENTITIES,
    ...CALENDAR_ENTITIES,
  ],
  migrations: [
    Foundation1763798400000,
    IdentityAndAudit1763884800000,
    AcademicsAndStudents1763971200000,
    Attendance1764057600000,
    Notifications1764144000000,
    Fees1764230400000,
    FeeRules1764230400001,
    FeeGatewaySettings1764316800100,
    Exams1765000000000,
    ExamSchedule1765000000001,
    UserLocale1765100000001,
    InstitutionProfile1765100000002,
    InvitationDelivery1765100000007,
    FeePaymentInstruments1765100000003,
    StudentSearchKey1765100000004,
    PrivacyRequests1765100000008,
    InvoiceOutstanding1765100000009,
    SchoolStorage1765100000017,
    PrivacyGrievances1765100000010,
    PrivacyIncidents1765100000011,
    RetentionPolicy1765100000012,
    GuardianConsents1765100000013,
    PrivacyErasure1765100000014,
    PrivacyNotices1765100000015,
    InstitutionOffboarding1765100000016,
    Timetable1765200000010,
    Circulars1765200000020,
    SchoolCalendar1765200000030,
    AuditHeadTrigger1765300000000,
  ],
};
