/**
 * Every view the API answers with as JSON, by the name its OpenAPI component carries. The API's
 * `@ApiView(name)` decorator takes a key of this map and checks the route returns that type; the contracts
 * build generates one schema per key (scripts/view-schemas.mjs), so the document cannot drift from the type.
 */
import type {
  AttendanceSettings,
  ChronicAbsenteesReport,
  DaySummary,
  Holiday,
  LeaveRequestView,
  RegisterView,
  SaveRegisterResult,
  SectionMonth,
  StudentCalendar,
  UnmarkedSections,
} from './attendance';
import type {
  CollectionsPage,
  CollectionsReport,
  DailyRunResult,
  DefaultersPage,
  DefaultersReport,
  FamilyDues,
  FeeHead,
  FeeReminderOutcome,
  FeeStructure,
  GatewaySettingsView,
  InvoiceRunResult,
  InvoiceView,
  LateFeeRule,
  LedgerPage,
  OnlineOrder,
  OptionalHeadsUpdate,
  PaymentListItem,
  PaymentView,
  PaymentWebhookOutcome,
  ReminderRule,
  StudentDues,
  StudentLedger,
  StudentOptionalHeads,
} from './fees';
import type {
  Guardian,
  GuardianAccountLink,
  ImportReport,
  PromotionResult,
  StudentAccountLink,
  StudentProfile,
  StudentSummary,
} from './students';
import type { AcademicYear, ClassDto, SectionView, SubjectAssignment, SubjectDto } from './academics';
import type { AuditEventDto, AuditVerifyResponse } from './audit';
import type {
  MyDay,
  SectionTimetable,
  SubstitutionProposal,
  SubstitutionView,
  TeacherTimetable,
  TimetableSettings,
} from './timetable';
import type {
  ChannelView,
  ConsentsChanged,
  GuardianConsentsHistory,
  GuardianConsentsView,
  MessageDetail,
  MessageView,
  SendingPreferences,
  SmsWebhookResult,
  TemplateKind,
  TemplateView,
  WhatsAppWebhookResult,
} from './notifications';
import type {
  AcceptInvitationResponse,
  AcceptedResponse,
  AccessTokenResponse,
  ChangePasswordResponse,
  LoginResponse,
  MeResponse,
  MfaEnrollmentConfirmResponse,
  MfaSecretResponse,
  RecoveryCodesResponse,
  RevokeAllSessionsResponse,
  SessionDto,
  SignedInResponse,
} from './auth';
import type { HealthStatus, LivenessStatus } from './api';
import type {
  PermissionArea,
  PlatformAdminInvitation,
  PlatformAdminInvitationList,
  PlatformInstitutionDto,
  ProvisionInstitutionResponse,
  RoleDto,
  UserDto,
  InvitationChannelsView,
  InvitationView,
  InvitedUser,
} from './access';

import type {
  ClassAnalyticsView,
  CoScholasticAreaView,
  CoScholasticGridView,
  ExamScheduleView,
  ExamStructureView,
  GradingScaleView,
  MarksGridView,
  MarksProgressView,
  PaperView,
  RemarksGridView,
  ResultPublicationView,
  SaveMarksResult,
  SaveTermSheetResult,
  SectionResultsView,
  StudentExamScheduleView,
  StudentResultsView,
  TermPublicationsView,
} from './exams';
import type { InstitutionDto, InstitutionProfile } from './institutions';
import type {
  AccountantDashboard,
  AdminDashboard,
  DayCloseReport,
  FamilyDashboard,
  OperatorDashboard,
  TeacherDashboard,
} from './dashboards';
import type {
  PrivacyArchiveView,
  PrivacyRequestView,
  RecordsOfProcessingView,
  SubProcessorsView,
} from './privacy';
import type { MyPrivacyNoticeView, PrivacyNoticeView, PublicPrivacyPage } from './privacy-notice';
import type { GrievanceOfficerView, GrievanceView } from './privacy-grievances';
import type { IncidentView } from './privacy-incidents';
import type { StudentConsentsView } from './consents-guardian';
import type { PrivacyErasureView, PrivacyRestrictionView } from './privacy-erasure';

import type { RetentionPolicyView, RetentionRunView } from './privacy-retention';
import type { DeletionCertificateView, OffboardingView } from './offboarding';
import type { CalendarFeedView, CalendarItemView } from './calendar';
import type { CircularListItem, CircularReaderView, CircularRecipientsPage, CircularView } from './circulars';

export interface ApiViews {
  AcademicYear: AcademicYear;
  AcceptInvitationResponse: AcceptInvitationResponse;
  AcceptedResponse: AcceptedResponse;
  AccessTokenResponse: AccessTokenResponse;
  AttendanceSettings: AttendanceSettings;
  AuditEventDto: AuditEventDto;
  AuditVerifyResponse: AuditVerifyResponse;
  ChangePasswordResponse: ChangePasswordResponse;
  ChannelView: ChannelView;
  ChronicAbsenteesReport: ChronicAbsenteesReport;
  ClassAnalyticsView: ClassAnalyticsView;
  ClassDto: ClassDto;
  CoScholasticAreaView: CoScholasticAreaView;
  CoScholasticGridView: CoScholasticGridView;
  CollectionsPage: CollectionsPage;
  CollectionsReport: CollectionsReport;
  ConsentsChanged: ConsentsChanged;
  DailyRunResult: DailyRunResult;
  DaySummary: DaySummary;
  DefaultersPage: DefaultersPage;
  DefaultersReport: DefaultersReport;
  ExamScheduleView: ExamScheduleView;
  ExamStructureView: ExamStructureView;
  FamilyDues: FamilyDues;
  FeeHead: FeeHead;
  FeeReminderOutcome: FeeReminderOutcome;
  FeeStructure: FeeStructure;
  GatewaySettingsView: GatewaySettingsView;
  GradingScaleView: GradingScaleView;
  Guardian: Guardian;
  GuardianAccountLink: GuardianAccountLink;
  GuardianConsentsHistory: GuardianConsentsHistory;
  GuardianConsentsView: GuardianConsentsView;
  HealthStatus: HealthStatus;
  Holiday: Holiday;
  ImportReport: ImportReport;
  InstitutionDto: InstitutionDto;
  InvoiceRunResult: InvoiceRunResult;
  InvoiceView: InvoiceView;
  LateFeeRule: LateFeeRule;
  LeaveRequestView: LeaveRequestView;
  LedgerPage: LedgerPage;
  LivenessStatus: LivenessStatus;
  LoginResponse: LoginResponse;
  MarksGridView: MarksGridView;
  MarksProgressView: MarksProgressView;
  MeResponse: MeResponse;
  MessageDetail: MessageDetail;
  MessageView: MessageView;
  MfaEnrollmentConfirmResponse: MfaEnrollmentConfirmResponse;
  MfaSecretResponse: MfaSecretResponse;
  OnlineOrder: OnlineOrder;
  OptionalHeadsUpdate: OptionalHeadsUpdate;
  PaperView: PaperView;
  PaymentListItem: PaymentListItem;
  PaymentView: PaymentView;
  PaymentWebhookOutcome: PaymentWebhookOutcome;
  PermissionArea: PermissionArea;
  PlatformAdminInvitation: PlatformAdminInvitation;
  PlatformAdminInvitationList: PlatformAdminInvitationList;
  PlatformInstitutionDto: PlatformInstitutionDto;
  PromotionResult: PromotionResult;
  ProvisionInstitutionResponse: ProvisionInstitutionResponse;
  RecoveryCodesResponse: RecoveryCodesResponse;
  RegisterView: RegisterView;
  RemarksGridView: RemarksGridView;
  ResultPublicationView: ResultPublicationView;
  ReminderRule: ReminderRule;
  RevokeAllSessionsResponse: RevokeAllSessionsResponse;
  RoleDto: RoleDto;
  SaveMarksResult: SaveMarksResult;
  SaveRegisterResult: SaveRegisterResult;
  SaveTermSheetResult: SaveTermSheetResult;
  SectionMonth: SectionMonth;
  SectionResultsView: SectionResultsView;
  SectionView: SectionView;
  SendingPreferences: SendingPreferences;
  SessionDto: SessionDto;
  SignedInResponse: SignedInResponse;
  SmsWebhookResult: SmsWebhookResult;
  StudentResultsView: StudentResultsView;
  TermPublicationsView: TermPublicationsView;
  StudentAccountLink: StudentAccountLink;
  StudentExamScheduleView: StudentExamScheduleView;
  StudentCalendar: StudentCalendar;
  StudentDues: StudentDues;
  StudentLedger: StudentLedger;
  StudentOptionalHeads: StudentOptionalHeads;
  StudentProfile: StudentProfile;
  StudentSummary: StudentSummary;
  SubjectAssignment: SubjectAssignment;
  SubjectDto: SubjectDto;
  TemplateKind: TemplateKind;
  TemplateView: TemplateView;
  UnmarkedSections: UnmarkedSections;
  UserDto: UserDto;
  InvitationChannelsView: InvitationChannelsView;
  InvitationView: InvitationView;
  InvitedUser: InvitedUser;
  WhatsAppWebhookResult: WhatsAppWebhookResult;
  InstitutionProfile: InstitutionProfile;
  AdminDashboard: AdminDashboard;
  TeacherDashboard: TeacherDashboard;
  FamilyDashboard: FamilyDashboard;
  AccountantDashboard: AccountantDashboard;
  DayCloseReport: DayCloseReport;
  OperatorDashboard: OperatorDashboard;
  PrivacyRequestView: PrivacyRequestView;
  PrivacyArchiveView: PrivacyArchiveView;
  SubProcessorsView: SubProcessorsView;
  RecordsOfProcessingView: RecordsOfProcessingView;
  PrivacyNoticeView: PrivacyNoticeView;
  MyPrivacyNoticeView: MyPrivacyNoticeView;
  PublicPrivacyPage: PublicPrivacyPage;
  GrievanceView: GrievanceView;
  GrievanceOfficerView: GrievanceOfficerView;
  IncidentView: IncidentView;
  StudentConsentsView: StudentConsentsView;
  PrivacyErasureView: PrivacyErasureView;
  PrivacyRestrictionView: PrivacyRestrictionView;
  RetentionPolicyView: RetentionPolicyView;
  RetentionRunView: RetentionRunView;
  OffboardingView: OffboardingView;
  DeletionCertificateView: DeletionCertificateView;
  CalendarItemView: CalendarItemView;
  CalendarFeedView: CalendarFeedView;
  CircularView: CircularView;
  CircularReaderView: CircularReaderView;
  CircularListItem: CircularListItem;
  CircularRecipientsPage: CircularRecipientsPage;
  TimetableSettings: TimetableSettings;
  SectionTimetable: SectionTimetable;
  TeacherTimetable: TeacherTimetable;
  MyDay: MyDay;
  SubstitutionProposal: SubstitutionProposal;
  SubstitutionView: SubstitutionView;
}

export type ApiViewName = keyof ApiViews;
