import { Injectable } from '@nestjs/common';
import {
  DEMO_OPERATOR_EMAIL,
  GRIEVANCE_RESPONSE_DAYS_DEFAULT,
  type GrievanceCategory,
  PLATFORM_SLUG,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { InstitutionsService } from '../institutions/institutions.service';
import { UsersService } from '../users/users.service';
import { GrievanceOfficersRepository, GrievancesRepository } from './grievances/grievances.repository';
import { grievanceDueAt } from './grievances/grievances.service';
import type { PrivacyIncidentEvent } from './incidents/incident.entities';
import { IncidentEventsRepository, IncidentsRepository } from './incidents/incidents.repository';
import { IncidentsService } from './incidents/incidents.service';
import { ErasureDemoSeeder } from './erasure/erasure-demo.seeder';
import { PrivacyNoticeDemo } from './notice/privacy-notice-demo';
import type { PrivacyRequest } from './entities/privacy-request.entity';
import { PrivacyRequestsRepository } from './privacy.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The demo schools the operator's incident affects (both exist before either school's data is seeded). */
const DEMO_SCHOOL_SLUGS = ['greenwood', 'riverside'];

/** Each demo school's grievance officer; another school (a scale school) gets a generic one. */
const DEMO_OFFICERS: Record<string, { name: string; phone: string }> = {
  greenwood: { name: 'Kavitha Raghunathan', phone: '+91 80 2521 4411' },
  riverside: { name: 'Sanjay Deshmukh', phone: '+91 22 2774 1215' },
};

interface DemoGrievance {
  daysAgo: number;
  category: GrievanceCategory;
  subject: string;
  text: string;
  aboutChild: boolean;
  answer?: { daysAgo: number; text: string };
}

/** Greenwood: one answered, one open for ~10 days, one past its 30 days; another school: one open. */
const GREENWOOD_GRIEVANCES: DemoGrievance[] = [
  {
    daysAgo: 21,
    category: 'data_access',
    subject: 'Why does the bus contractor have our home address?',
    text: 'The driver of the new bus route called me and knew our full home address. I only gave it to the school. Who shared it with the transport contractor, and what else do they have about my child?',
    aboutChild: true,
    answer: {
      daysAgo: 17,
      text: 'Thank you for raising this. The transport contractor needs only the pick-up point and one parent phone number for each child on the route; the full address went to them in an older spreadsheet by mistake. We have asked them to delete that spreadsheet and they confirmed the deletion in writing the same day. From this term the route list is shared from Shala with the pick-up point only.',
    },
  },
  {
    daysAgo: 10,
    category: 'consent',
    subject: "Photos of my child on the school's Instagram page",
    text: "Photos from the Annual Day show my child's face and name on the school's Instagram page. I did not agree to photos on social media. Please take them down and tell me where else they were used.",
    aboutChild: true,
  },
  {
    daysAgo: 35,
    category: 'security',
    subject: "The class WhatsApp group shows every parent's phone number",
    text: "The class group was made by a teacher from a personal phone, so every parent's number is visible to everyone in it, including people who have left. Can the school use a channel that does not expose our numbers?",
    aboutChild: false,
  },
];
const OTHER_SCHOOL_GRIEVANCES: DemoGrievance[] = [
  {
    daysAgo: 12,
    category: 'correction',
    subject: "The mother's phone number on the record is old",
    text: 'Messages about absences still go to a number we stopped using last year. I changed it at the office in June but the app still shows the old one.',
    aboutChild: true,
  },
];

/**
 * The demo's privacy register (run inside a school's tenant): a parent's correction in progress, an access
 * request the office completed, and an erasure request past its 30 days, so the overdue badge and list show
 * something real. Archives are made on demand, so none is seeded.
 */
@Injectable()
export class PrivacyDemoSeeder {
  constructor(
    private readonly requests: PrivacyRequestsRepository,
    private readonly clock: Clock,
    private readonly notice: PrivacyNoticeDemo,
    private readonly grievances: GrievancesRepository,
    private readonly officers: GrievanceOfficersRepository,
    private readonly incidents: IncidentsRepository,
    private readonly incidentEvents: IncidentEventsRepository,
    private readonly incidentsService: IncidentsService,
    private readonly institutions: InstitutionsService,
    private readonly users: UsersService,
    private readonly context: RequestContext,
    private readonly erasureDemo: ErasureDemoSeeder,
  ) {}

  async seed(input: {
    adminUserId: string;
    parentUserId: string | null;
    childId: string;
    otherStudentId: string;
  }): Promise<number> {
    const now = this.clock.now().getTime();
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);
    const request = (
      daysAgo: number,
      row: Pick<
        PrivacyRequest,
        'type' | 'subjectId' | 'status' | 'details' | 'raisedBy' | 'requestedByUserId'
      > & {
        closedDaysAgo?: number;
      },
    ) => ({
      id: uuidv7(),
      type: row.type,
      subjectType: 'student' as const,
      subjectId: row.subjectId,
      status: row.status,
      details: row.details,
      raisedBy: row.raisedBy,
      requestedByUserId: row.requestedByUserId,
      receivedAt: at(daysAgo),
      dueAt: new Date(at(daysAgo).getTime() + 30 * DAY_MS),
      closedAt: row.closedDaysAgo === undefined ? null : at(row.closedDaysAgo),
      refusalReason: null,
    });
    const rows = [
      request(45, {
        type: 'access',
        subjectId: input.otherStudentId,
        status: 'completed',
        details: 'Father asked for a copy of everything the school holds (letter at the office).',
        raisedBy: 'staff',
        requestedByUserId: input.adminUserId,
        closedDaysAgo: 40,
      }),
      request(34, {
        type: 'erasure',
        subjectId: input.otherStudentId,
        status: 'open',
        details: 'Family moved abroad; asks to delete the contact details kept for messages.',
        raisedBy: 'staff',
        requestedByUserId: input.adminUserId,
      }),
    ];
    if (input.parentUserId)
      rows.push(
        request(6, {
          type: 'correction',
          subjectId: input.childId,
          status: 'in_progress',
          details: 'The date of birth on the record is a day early.',
          raisedBy: 'parent',
          requestedByUserId: input.parentUserId,
        }),
      );
    for (const row of rows) await this.requests.create(row);
    const slug = (await this.institutions.findById(this.context.tenantId))?.slug ?? 'school';
    const contact = await this.seedOfficer(slug);
    await this.notice.seed({ adminUserId: input.adminUserId, parentUserId: input.parentUserId, contact });
    if (input.parentUserId)
      await this.seedGrievances(
        slug === 'greenwood' ? GREENWOOD_GRIEVANCES : OTHER_SCHOOL_GRIEVANCES,
        input.parentUserId,
        input.childId,
        input.adminUserId,
      );
    if (slug === 'greenwood') await this.seedSchoolIncident(input.adminUserId);
    if (DEMO_SCHOOL_SLUGS.includes(slug)) await this.seedOperatorIncident();
    await this.erasureDemo.seed({ adminUserId: input.adminUserId, childId: input.childId });
    return rows.length;
  }

  /** The school's grievance officer with the default 30 days; answers the notice's contact line. */
  private async seedOfficer(slug: string): Promise<string> {
    const officer = DEMO_OFFICERS[slug] ?? { name: 'Grievance Officer', phone: '+91 80 4000 0000' };
    const email = `grievance@${slug}.test`;
    await this.officers.save({
      name: officer.name,
      email,
      phone: officer.phone,
      responseDays: GRIEVANCE_RESPONSE_DAYS_DEFAULT,
    });
    return `Grievance officer: ${officer.name}, ${email}, ${officer.phone}`;
  }

  /** The demo parent's grievances, received in the past (the service's "received now" cannot backdate). */
  private async seedGrievances(
    items: DemoGrievance[],
    parentUserId: string,
    childId: string,
    adminUserId: string,
  ): Promise<void> {
    const now = this.clock.now().getTime();
    for (const g of items) {
      const receivedAt = new Date(now - g.daysAgo * DAY_MS);
      await this.grievances.create({
        id: uuidv7(),
        raisedByUserId: parentUserId,
        studentId: g.aboutChild ? childId : null,
        category: g.category,
        subject: g.subject,
        text: g.text,
        status: g.answer ? 'answered' : 'open',
        receivedAt,
        dueAt: grievanceDueAt(receivedAt, GRIEVANCE_RESPONSE_DAYS_DEFAULT),
        answer: g.answer?.text ?? null,
        answeredByUserId: g.answer ? adminUserId : null,
        answeredAt: g.answer ? new Date(now - g.answer.daysAgo * DAY_MS) : null,
      });
    }
  }

  /**
   * Greenwood's own incident, closed: a teacher's phone lost with the app signed in, sessions revoked
   * within the hour, the school admin and the Board notified on time, and the root cause recorded.
   */
  private async seedSchoolIncident(adminUserId: string): Promise<void> {
    const detectedAt = new Date(this.clock.now().getTime() - 40 * DAY_MS);
    const after = (hours: number) => new Date(detectedAt.getTime() + hours * HOUR_MS);
    const nature = "Class teacher's phone lost with the Shala app signed in";
    const containment =
      "Sessions revoked: all of the teacher's Shala sessions ended and her password reset from the admin screen.";
    const rootCause =
      'The phone had no screen lock and the app stayed signed in. Staff phones now need a screen lock, and staff sessions end after 12 hours of inactivity.';
    const id = uuidv7();
    await this.incidents.create({
      id,
      origin: 'school',
      status: 'closed',
      detectedAt,
      nature,
      description:
        'A Class 5 teacher lost her phone on the bus home. The app was signed in and could show the attendance and parent contact details of the 32 students of her section.',
      categories: 'identity,contact,attendance',
      subjectsCount: 32,
      containment,
      mitigation:
        'The loss was reported to the police; the audit log shows no access from the phone after it was lost.',
      whatsappInvolved: false,
      schoolsNotifiedAt: after(2),
      boardNotifiedAt: after(30),
      metaNotifiedAt: null,
      rootCause,
      closedAt: after(10 * 24),
      createdByUserId: adminUserId,
    });
    const events: [number, PrivacyIncidentEvent['kind'], string | null, PrivacyIncidentEvent['target']][] = [
      [0.5, 'created', nature, null],
      [1, 'containment', containment, null],
      [2, 'notified', 'The school admin was told by phone and email.', 'schools'],
      [30, 'notified', 'Intimation filed with the Data Protection Board.', 'board'],
      [10 * 24, 'closed', rootCause, null],
    ];
    for (const [hours, kind, text, target] of events)
      await this.incidentEvents.append({
        id: uuidv7(),
        incidentId: id,
        kind,
        text,
        target,
        at: after(hours),
        actorUserId: adminUserId,
      });
  }

  /**
   * The operator's open incident affecting both demo schools, recorded through the register (so the
   * notices to the schools' admins are queued in the outbox as for a real one), its clocks still running.
   * Made once, by whichever demo school is seeded first; both schools and their admins exist by then.
   */
  private async seedOperatorIncident(): Promise<void> {
    const platform = await this.institutions.findBySlug(PLATFORM_SLUG);
    if (!platform) return;
    const schoolIds: string[] = [];
    for (const slug of DEMO_SCHOOL_SLUGS) {
      const school = await this.institutions.findBySlug(slug);
      if (school) schoolIds.push(school.id);
    }
    const operator = await this.context.runAsTenant(platform.id, () =>
      this.users.findByEmail(DEMO_OPERATOR_EMAIL),
    );
    await this.context.runAsTenant(
      platform.id,
      async () => {
        if ((await this.incidents.list()).length > 0) return;
        await this.incidentsService.create('platform', {
          detectedAt: new Date(this.clock.now().getTime() - 18 * HOUR_MS).toISOString(),
          nature: 'Message delivery logs readable through a misconfigured storage bucket',
          description:
            'A storage bucket holding exported delivery logs of SMS and WhatsApp messages was readable without a login for about six hours after a configuration change. The logs hold parent phone numbers and message texts (absence alerts and fee reminders).',
          categories: ['contact', 'communications'],
          subjectsCount: 140,
          containment: 'Public access to the bucket removed and the access keys rotated.',
          whatsappInvolved: true,
          institutionIds: schoolIds,
        });
      },
      operator?.id,
    );
  }
}
