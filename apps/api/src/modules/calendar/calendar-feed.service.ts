import { Injectable } from '@nestjs/common';
import { InstitutionStatus, type CalendarFeedView } from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { randomToken, safeEqual, sha256Hex } from '../../platform/security/tokens';
import { Clock } from '../../platform/time/clock';
import { addDays } from '../../platform/time/local-time';
import { RequestContext } from '../../platform/tenancy/request-context';
import { SchoolCalendar } from '../attendance/school-calendar';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { CalendarFeedNotFoundError } from './calendar.errors';
import { CalendarEventsRepository, CalendarFeedsRepository } from './calendar.repository';
import { type IcsEvent, buildCalendar, zonedToUtc } from './ics';

/** The feed covers this many days back and ahead of the school's today. */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 365;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The feed's public path for a token `<tenantId>.<secret>`. */
export const feedPath = (token: string) => `/api/v1/calendar/feed/${token}.ics`;

/**
 * The school's public iCalendar feed: a secret URL the admin creates, rotates and revokes. Only the
 * SHA-256 of the secret is stored (like refresh tokens, AUT-04), so a database reader cannot subscribe;
 * a wrong, rotated or revoked token answers 404 just like a school without a feed. The feed holds only
 * whole-school events and holidays: no class lists, no names, no personal data.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly institution: CurrentInstitution,
    private readonly schoolCalendar: SchoolCalendar,
    private readonly feeds: CalendarFeedsRepository,
    private readonly events: CalendarEventsRepository,
  ) {}

  async status(): Promise<CalendarFeedView> {
    const feed = await this.feeds.current();
    return { active: !!feed, createdAt: feed ? feed.createdAt.toISOString() : null, path: null };
  }

  /** Creates the feed, or rotates it (the old URL stops working at once); the path is shown only now. */
  async issue(): Promise<CalendarFeedView> {
    return this.db.transaction(async () => {
      const rotated = !!(await this.feeds.current());
      const secret = randomToken();
      const now = this.clock.now();
      await this.feeds.put(sha256Hex(secret), now);
      await this.audit.record({
        action: rotated ? 'calendar.feed_rotate' : 'calendar.feed_create',
        targetType: 'calendar_feed',
      });
      return {
        active: true,
        createdAt: now.toISOString(),
        path: feedPath(`${this.context.tenantId}.${secret}`),
      };
    });
  }

  async revoke(): Promise<void> {
    await this.db.transaction(async () => {
      if (!(await this.feeds.revoke())) throw new CalendarFeedNotFoundError();
      await this.audit.record({ action: 'calendar.feed_revoke', targetType: 'calendar_feed' });
    });
  }

  /** The feed's iCalendar text for a token, or 404 for any token that is not the school's live one. */
  async render(token: string): Promise<string> {
    const [tenantId, secret, ...rest] = token.split('.');
    if (rest.length || !tenantId || !secret || !UUID.test(tenantId) || !SECRET.test(secret))
      throw new CalendarFeedNotFoundError();
    return this.context.runAsTenant(tenantId.toLowerCase(), async () => {
      const school = await this.institution.find();
      const feed = school ? await this.feeds.current() : null;
      if (
        !school ||
        school.status !== InstitutionStatus.Active ||
        !feed ||
        !safeEqual(feed.tokenHash, sha256Hex(secret))
      )
        throw new CalendarFeedNotFoundError();
      const today = await this.institution.today();
      const from = addDays(today, -FEED_DAYS_BACK);
      const to = addDays(today, FEED_DAYS_AHEAD);
      const [events, holidays] = await Promise.all([
        this.events.overlapping(from, to),
        this.schoolCalendar.holidays(from, to),
      ]);
      const out: IcsEvent[] = events
        .filter((e) => e.audience === 'school')
        .map((e) => ({
          uid: `event-${e.id}@shala`,
          summary: e.title,
          description: e.description,
          categories: e.type.toUpperCase(),
          when:
            e.allDay || !e.startTime || !e.endTime
              ? { allDay: true, startsOn: e.startsOn, endsOn: e.endsOn }
              : {
                  allDay: false,
                  start: zonedToUtc(e.startsOn, e.startTime, school.timeZone),
                  end: zonedToUtc(e.endsOn, e.endTime, school.timeZone),
                },
        }));
      for (const h of holidays)
        out.push({
          uid: `holiday-${h.id}@shala`,
          summary: h.name,
          categories: 'HOLIDAY',
          when: { allDay: true, startsOn: h.date, endsOn: h.date },
        });
      return buildCalendar({ name: school.name, stamp: this.clock.now(), events: out });
    });
  }
}
