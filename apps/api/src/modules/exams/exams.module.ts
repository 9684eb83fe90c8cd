import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AcademicsModule } from '../academics/academics.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';
import { ExamStructureController } from './exams.controller';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import {
  AssessmentsRepository,
  CoScholasticAreasRepository,
  CoScholasticGradesRepository,
  ExamRemarksRepository,
  ExamTermsRepository,
  GradingBandsRepository,
  GradingScalesRepository,
  MarkSheetsRepository,
  MarksRepository,
  PaperComponentsRepository,
  PapersRepository,
  ResultPublicationsRepository,
} from './exams.repository';
import { ExamsDemoSeeder } from './exams-demo.seeder';
import { ExamsScheduleDemoSeeder } from './exams-schedule-demo.seeder';
import { MarksController } from './marks.controller';
import { MarksService } from './marks.service';
import { ExamStructureService } from './structure.service';
import { GradingScalesService } from './grading-scales.service';
import { ExamTermsService } from './exam-terms.service';
import { PapersService } from './papers.service';
import { CoScholasticAreasService } from './co-scholastic-areas.service';
import { MarksPendingService } from './marks-pending.service';
import { MarksProgressService } from './marks-progress.service';
import { PublishingService } from './publishing.service';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';
import { ReportCardJobs } from './report-card-jobs';
import { ReportCardsController } from './report-cards.controller';
import { StudentExamClassesRepository } from './report-cards.repository';
import { ReportCardsService } from './report-cards.service';
import { ReportResultsReader } from './report-results';
import { HallTicketsService } from './hall-tickets.service';
import { ExamScheduleController } from './schedule.controller';
import { ExamScheduleService } from './schedule.service';
import { ExamSittingsRepository } from './schedule-sittings.repository';
import { ExamDates, ExamDatesRepository } from './exam-dates';
import { CoScholasticService } from './co-scholastic.service';
import { RemarksService } from './remarks.service';
import { TermPublicationsService } from './term-publications.service';
import { TermSheetAccess } from './term-sheet-access';
import { TermSheetsController } from './term-sheets.controller';

@Module({
  imports: [AcademicsModule, StudentsModule, InstitutionsModule, AttendanceModule, UsersModule, AccessModule],
  controllers: [
    ExamStructureController,
    MarksController,
    ResultsController,
    ReportCardsController,
    AnalyticsController,
    ExamScheduleController,
    TermSheetsController,
  ],
  providers: [
    GradingScalesRepository,
    GradingBandsRepository,
    ExamTermsRepository,
    AssessmentsRepository,
    PapersRepository,
    PaperComponentsRepository,
    CoScholasticAreasRepository,
    MarkSheetsRepository,
    MarksRepository,
    ResultPublicationsRepository,
    CoScholasticGradesRepository,
    ExamRemarksRepository,
    ExamStructureService,
    GradingScalesService,
    ExamTermsService,
    PapersService,
    CoScholasticAreasService,
    MarksService,
    MarksProgressService,
    ExamsDemoSeeder,
    ResultsService,
    AnalyticsService,
    PublishingService,
    StudentExamClassesRepository,
    ReportResultsReader,
    ReportCardsService,
    ReportCardJobs,
    ExamSittingsRepository,
    ExamsScheduleDemoSeeder,
    ExamScheduleService,
    HallTicketsService,
    TermSheetAccess,
    CoScholasticService,
    RemarksService,
    TermPublicationsService,
    MarksPendingService,
    ExamDatesRepository,
    ExamDates,
  ],
  exports: [
    ExamStructureService,
    MarksService,
    ExamsDemoSeeder,
    GradingScalesRepository,
    GradingBandsRepository,
    ExamTermsRepository,
    AssessmentsRepository,
    PapersRepository,
    PaperComponentsRepository,
    CoScholasticAreasRepository,
    MarkSheetsRepository,
    MarksRepository,
    ResultPublicationsRepository,
    // Read by the role dashboards (issue 14).
    MarksPendingService,
    ResultsService,
    // Read by the school calendar (issue 16).
    ExamDates,
  ],
})
export class ExamsModule {}
