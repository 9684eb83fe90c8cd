import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { EventsModule } from '../../platform/events/events.module';
import { AcademicsModule } from '../academics/academics.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';
import { FeesController } from './fees.controller';
import { FeeGatewaySettingsRepository } from './fee-gateway.repository';
import { FeesGatewayController } from './fees-gateway.controller';
import { FeesGatewaySettingsService } from './fees-gateway-settings.service';
import { FeesListsController } from './fees-lists.controller';
import { FeesListsService } from './fees-lists.service';
import { RazorpayTransport } from './payments/razorpay-transport';
import { PAYMENT_SANDBOX, paymentSandboxFor } from './payments/sandbox-policy';
import { FeesJobsService } from './fees-jobs.service';
import { FeesScheduler } from './fees-scheduler';
import { FeesRulesController } from './fees-rules.controller';
import {
  LateFeeApplicationsRepository,
  LateFeeRulesRepository,
  ReminderRulesRepository,
  RemindersSentRepository,
} from './fee-rules.repository';
import { FeesAuditNames } from './fees-audit-names';
import { FeesDemoSeeder } from './fees-demo.seeder';
import { FeesEnrolmentListener } from './fees-enrolment.listener';
import { FeesOnlineController } from './fees-online.controller';
import { FeesOnlineService } from './fees-online.service';
import { FeesWebhookRawBody } from './fees-webhook-raw-body';
import { FeesLedgerService } from './fees-ledger.service';
import { FeesPaymentsService } from './fees-payments.service';
import { FeesReceiptService } from './fees-receipt.service';
import { FeesFamilyOrdersService } from './fees-family-orders.service';
import { FeesRemindersService } from './fees-reminders.service';
import { FeesReportsService } from './fees-reports.service';
import { FeesSetupService } from './fees-setup.service';
import {
  FeeAccountsRepository,
  FeeHeadsRepository,
  FeeInstalmentLinesRepository,
  FeeInstalmentsRepository,
  FeeInvoicesRepository,
  FeeLedgerRepository,
  FeeOnlineOrdersRepository,
  FeePaymentsRepository,
  FeeReceiptCountersRepository,
  FeeStructuresRepository,
  FeeStudentHeadsRepository,
  FeeWebhookEventsRepository,
  FeeManualRemindersRepository,
  FeeOnlineOrderPartsRepository,
} from './fees.repository';

@Module({
  imports: [
    AcademicsModule,
    StudentsModule,
    InstitutionsModule,
    NotificationsModule,
    EventsModule,
    UsersModule,
  ],
  controllers: [
    FeesController,
    FeesOnlineController,
    FeesRulesController,
    FeesListsController,
    FeesGatewayController,
  ],
  providers: [
    FeesAuditNames,
    FeeHeadsRepository,
    FeeStructuresRepository,
    FeeInstalmentsRepository,
    FeeInstalmentLinesRepository,
    FeeStudentHeadsRepository,
    FeeAccountsRepository,
    FeeReceiptCountersRepository,
    FeeInvoicesRepository,
    FeeLedgerRepository,
    FeePaymentsRepository,
    FeeOnlineOrdersRepository,
    FeeWebhookEventsRepository,
    FeeManualRemindersRepository,
    FeesRemindersService,
    FeeOnlineOrderPartsRepository,
    FeesFamilyOrdersService,
    FeesLedgerService,
    FeesPaymentsService,
    FeesSetupService,
    FeesReportsService,
    FeesReceiptService,
    FeesOnlineService,
    FeesWebhookRawBody,
    FeesDemoSeeder,
    LateFeeRulesRepository,
    LateFeeApplicationsRepository,
    ReminderRulesRepository,
    RemindersSentRepository,
    FeesJobsService,
    FeesScheduler,
    FeesEnrolmentListener,
    FeeGatewaySettingsRepository,
    FeesGatewaySettingsService,
    RazorpayTransport,
    // The payment sandbox: development and test with demo mode only; null elsewhere (boot refuses a
    // staging or production profile that would turn it on).
    {
      provide: PAYMENT_SANDBOX,
      useFactory: (config: AppConfig) => paymentSandboxFor(config),
      inject: [APP_CONFIG],
    },
    FeesListsService,
  ],
  exports: [
    FeesSetupService,
    FeesPaymentsService,
    FeesDemoSeeder,
    FeesJobsService,
    // Read by the role dashboards (issue 14).
    FeesReportsService,
    FeePaymentsRepository,
    FeeInvoicesRepository,
    // Read by the privacy module's sub-processor list (issue 13).
    FeesGatewaySettingsService,
  ],
})
export class FeesModule {}
