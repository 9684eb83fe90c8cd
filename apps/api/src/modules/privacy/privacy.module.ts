import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { FeesModule } from '../fees/fees.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';
import { GrievancesController, MyGrievancesController } from './grievances/grievances.controller';
import { GrievanceOfficersRepository, GrievancesRepository } from './grievances/grievances.repository';
import { GrievancesService } from './grievances/grievances.service';
import { IncidentsController, PlatformIncidentsController } from './incidents/incidents.controller';
import {
  IncidentEventsRepository,
  IncidentLinksRepository,
  IncidentSchoolsRepository,
  IncidentsRepository,
} from './incidents/incidents.repository';
import { IncidentsService } from './incidents/incidents.service';
import {
  MyPrivacyNoticeController,
  PrivacyNoticeController,
  PublicPrivacyController,
} from './notice/privacy-notice.controller';
import {
  PrivacyNoticeAcceptancesRepository,
  PrivacyNoticesRepository,
} from './notice/privacy-notice.repository';
import { PrivacyNoticeDemo } from './notice/privacy-notice-demo';
import { PrivacyNoticeService } from './notice/privacy-notice.service';
import { PublicPrivacyPageService } from './notice/public-privacy-page.service';
import { MyPrivacyController, PrivacyController } from './privacy.controller';
import { PrivacyArchiveJobs } from './privacy-archive-jobs';
import { PrivacyDemoSeeder } from './privacy-demo.seeder';
import { PrivacyRequestsService } from './privacy-requests.service';
import { PrivacyReminders, PrivacyScheduler } from './privacy-reminders';
import { PrivacySubjects } from './privacy-subjects';
import { PrivacyTransparencyService } from './privacy-transparency.service';
import { PrivacyRequestsRepository, SubjectRecordsRepository } from './privacy.repository';
import { SubjectArchive } from './subject-archive';
import {
  ErasedGuardiansRepository,
  ErasedStudentsRepository,
  ErasedUsersRepository,
  PrivacyErasuresRepository,
  ResolvedRequestsRepository,
} from './erasure/erasure.repository';
import { ErasureDemoSeeder } from './erasure/erasure-demo.seeder';
import { PrivacyErasureController } from './erasure/privacy-erasure.controller';
import { PrivacyErasureScheduler } from './erasure/privacy-erasure.scheduler';
import { PrivacyErasureService } from './erasure/privacy-erasure.service';
import { PrivacyRestrictionService } from './restriction/privacy-restriction.service';
import { RetentionJob, RetentionScheduler } from './retention/retention-job';
import {
  EndedSessionsRepository,
  RetentionPoliciesRepository,
  RetentionRunsRepository,
  SessionTokensRepository,
} from './retention/retention.repository';
import { RetentionController } from './retention/retention.controller';
import { RetentionPolicyService } from './retention/retention.service';
import { StudentConsentsController } from './student-consents.controller';
import { StudentConsentsService } from './student-consents.service';

/** Privacy and data rights (issue 13): data-subject requests, access archives, transparency. */
@Module({
  imports: [
    AuditModule,
    InstitutionsModule,
    UsersModule,
    AccessModule,
    StudentsModule,
    NotificationsModule,
    FeesModule,
    AuthModule,
  ],
  controllers: [
    PrivacyController,
    MyPrivacyController,
    GrievancesController,
    MyGrievancesController,
    IncidentsController,
    PlatformIncidentsController,
    PrivacyNoticeController,
    MyPrivacyNoticeController,
    PublicPrivacyController,
    StudentConsentsController,
    RetentionController,
    PrivacyErasureController,
  ],
  providers: [
    PrivacyRequestsRepository,
    SubjectRecordsRepository,
    PrivacySubjects,
    SubjectArchive,
    PrivacyArchiveJobs,
    PrivacyRequestsService,
    PrivacyTransparencyService,
    PrivacyReminders,
    PrivacyScheduler,
    PrivacyDemoSeeder,
    GrievancesRepository,
    GrievanceOfficersRepository,
    GrievancesService,
    IncidentsRepository,
    IncidentEventsRepository,
    IncidentSchoolsRepository,
    IncidentLinksRepository,
    IncidentsService,
    PrivacyNoticesRepository,
    PrivacyNoticeAcceptancesRepository,
    PrivacyNoticeService,
    PublicPrivacyPageService,
    PrivacyNoticeDemo,
    StudentConsentsService,
    RetentionPoliciesRepository,
    RetentionRunsRepository,
    EndedSessionsRepository,
    SessionTokensRepository,
    RetentionPolicyService,
    RetentionJob,
    RetentionScheduler,
    PrivacyErasuresRepository,
    ResolvedRequestsRepository,
    ErasedStudentsRepository,
    ErasedGuardiansRepository,
    ErasedUsersRepository,
    PrivacyErasureService,
    PrivacyErasureScheduler,
    ErasureDemoSeeder,
    PrivacyRestrictionService,
  ],
  exports: [PrivacyDemoSeeder],
})
export class PrivacyModule {}
