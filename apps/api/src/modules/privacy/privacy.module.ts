import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FeesModule } from '../fees/fees.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';
import { MyPrivacyController, PrivacyController } from './privacy.controller';
import { PrivacyArchiveJobs } from './privacy-archive-jobs';
import { PrivacyDemoSeeder } from './privacy-demo.seeder';
import { PrivacyRequestsService } from './privacy-requests.service';
import { PrivacyReminders, PrivacyScheduler } from './privacy-reminders';
import { PrivacySubjects } from './privacy-subjects';
import { PrivacyTransparencyService } from './privacy-transparency.service';
import { PrivacyRequestsRepository, SubjectRecordsRepository } from './privacy.repository';
import { SubjectArchive } from './subject-archive';

/** Privacy and data rights (issue 13): data-subject requests, access archives, transparency. */
@Module({
  imports: [AuditModule, InstitutionsModule, UsersModule, StudentsModule, NotificationsModule, FeesModule],
  controllers: [PrivacyController, MyPrivacyController],
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
  ],
  exports: [PrivacyDemoSeeder],
})
export class PrivacyModule {}
