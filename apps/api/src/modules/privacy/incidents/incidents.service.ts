import { Injectable } from '@nestjs/common';
import {
  type AddIncidentEvent,
  type CloseIncident,
  type CreateIncident,
  DefaultRole,
  INCIDENT_CLOCKS,
  INCIDENT_CLOCK_KEYS,
  type IncidentClockKey,
  type IncidentClockView,
  type IncidentDataCategory,
  type IncidentNoticeOutcome,
  type IncidentView,
  InstitutionKind,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../../platform/database/database';
import { NotFoundError, ValidationFailedError } from '../../../platform/errors/domain-error';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { Clock } from '../../../platform/time/clock';
import { AccessService } from '../../access/access.service';
import { AuditService } from '../../audit/audit.service';
import { InstitutionsService } from '../../institutions/institutions.service';
import { ChannelSettingsService } from '../../notifications/channel-settings.service';
import { OutboxService } from '../../notifications/outbox.service';
import { UsersService } from '../../users/users.service';
import type { PrivacyIncident, PrivacyIncidentEvent } from './incident.entities';
import { IncidentClosedError, IncidentManagedByOperatorError } from './incidents.errors';
import {
  IncidentEventsRepository,
  IncidentLinksRepository,
  IncidentSchoolsRepository,
  IncidentsRepository,
} from './incidents.repository';

const HOUR_MS = 60 * 60 * 1000;
/** A recorded time may be this far ahead of the server clock (a phone's clock running fast). */
const SKEW_MS = 5 * 60 * 1000;
export const INCIDENT_NOTICE_TEMPLATE = 'privacy_incident_notice';

/** Who is asking: the platform operator (incidents spanning schools) or a school admin (their school's). */
export type IncidentSide = 'platform' | 'school';

/** An incident as one reader may see it: where it lives and whether the reader may change it. */
interface Located {
  incident: PrivacyIncident;
  /** The tenant holding the incident (the platform's for an operator's incident). */
  tenantId: string;
  editable: boolean;
}

/** A clock's deadline and state at `now`: pending, overdue, done on time or late, or not applicable. */
export function incidentClock(
  key: IncidentClockKey,
  detectedAt: Date,
  notifiedAt: Date | null,
  applies: boolean,
  now: Date,
): IncidentClockView {
  const hours = INCIDENT_CLOCKS[key];
  const deadline = new Date(detectedAt.getTime() + hours * HOUR_MS);
  const state = !applies
    ? 'not_applicable'
    : notifiedAt
      ? notifiedAt.getTime() <= deadline.getTime()
        ? 'done_on_time'
        : 'done_late'
      : now.getTime() > deadline.getTime()
        ? 'overdue'
        : 'pending';
  return {
    key,
    hours,
    deadline: deadline.toISOString(),
    notifiedAt: notifiedAt ? notifiedAt.toISOString() : null,
    state,
  };
}

const NOTIFIED_FIELD = {
  schools: 'schoolsNotifiedAt',
  board: 'boardNotifiedAt',
  meta: 'metaNotifiedAt',
} as const satisfies Record<IncidentClockKey, keyof PrivacyIncident>;

const date = (d: Date | string | null): Date | null => (d ? new Date(d) : null);

/**
 * The breach and incident register (issue 13 item 10). An operator's incident lives in the platform
 * tenant with its affected schools; each affected school holds a link to it, so a school admin reads it
 * (without the other schools' names) and nobody else does. A school's own incident is its own row.
 * Every change appends a timeline event and an audit event; notices to the affected schools' admins go
 * through the outbox, and the answer says when no email channel is set up.
 */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly db: Database,
    private readonly incidents: IncidentsRepository,
    private readonly events: IncidentEventsRepository,
    private readonly schools: IncidentSchoolsRepository,
    private readonly links: IncidentLinksRepository,
    private readonly institutions: InstitutionsService,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
    private readonly channels: ChannelSettingsService,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async create(side: IncidentSide, input: CreateIncident): Promise<IncidentView> {
    const now = this.clock.now();
    const detectedAt = new Date(input.detectedAt);
    if (detectedAt.getTime() > now.getTime() + SKEW_MS)
      throw new ValidationFailedError([{ field: 'detectedAt', message: 'must not be in the future' }]);
    const schoolIds = side === 'platform' ? await this.affectedSchools(input.institutionIds ?? []) : [];
    const tenantId = this.context.tenantId;
    const row = {
      id: uuidv7(),
      origin: side,
      status: 'open' as const,
      detectedAt,
      nature: input.nature.trim(),
      description: input.description.trim(),
      categories: [...new Set(input.categories)].join(','),
      subjectsCount: input.subjectsCount,
      containment: input.containment?.trim() || null,
      mitigation: input.mitigation?.trim() || null,
      whatsappInvolved: input.whatsappInvolved,
      schoolsNotifiedAt: null,
      boardNotifiedAt: null,
      metaNotifiedAt: null,
      rootCause: null,
      closedAt: null,
      createdByUserId: this.context.userId,
    };
    const notice = await this.db.transaction(async () => {
      await this.incidents.create(row);
      await this.appendEvent(row.id, 'created', row.nature, null, now);
      await this.audit.record({
        action: 'privacy.incidents.create',
        targetType: 'privacy_incident',
        targetId: row.id,
        details: {
          origin: side,
          categories: row.categories,
          subjectsCount: row.subjectsCount,
          whatsappInvolved: row.whatsappInvolved,
          schools: side === 'platform' ? schoolIds.length : undefined,
        },
      });
      if (side === 'school') return this.noticeAdmins([tenantId], row);
      await this.schools.add(row.id, schoolIds);
      for (const schoolId of schoolIds)
        await this.context.runAsTenant(schoolId, async () => {
          await this.links.add(row.id, tenantId);
          await this.audit.record({
            action: 'privacy.incidents.linked',
            targetType: 'privacy_incident',
            targetId: row.id,
            details: { origin: 'platform', detectedAt: detectedAt.toISOString() },
          });
        });
      return this.noticeAdmins(schoolIds, row);
    });
    return { ...(await this.one(side, row.id)), notice };
  }

  async list(side: IncidentSide): Promise<IncidentView[]> {
    const own = await this.incidents.list();
    const located: Located[] = own.map((incident) => ({
      incident,
      tenantId: this.context.tenantId,
      editable: true,
    }));
    if (side === 'school') {
      const links = await this.links.list();
      const bySource = new Map<string, string[]>();
      for (const l of links)
        bySource.set(l.sourceTenantId, [...(bySource.get(l.sourceTenantId) ?? []), l.incidentId]);
      for (const [source, ids] of bySource) {
        const rows = await this.context.runAsTenant(source, () => this.incidents.byIds(ids));
        located.push(...rows.map((incident) => ({ incident, tenantId: source, editable: false })));
      }
    }
    located.sort(
      (a, b) =>
        new Date(b.incident.detectedAt).getTime() - new Date(a.incident.detectedAt).getTime() ||
        b.incident.id.localeCompare(a.incident.id),
    );
    return Promise.all(located.map((l) => this.view(side, l)));
  }

  async one(side: IncidentSide, id: string): Promise<IncidentView> {
    return this.view(side, await this.locate(side, id));
  }

  async addEvent(side: IncidentSide, id: string, input: AddIncidentEvent): Promise<IncidentView> {
    const { incident } = await this.editable(side, id);
    const now = this.clock.now();
    const patch: Parameters<IncidentsRepository['patchOpen']>[1] = {};
    let target: IncidentClockKey | null = null;
    if (input.kind === 'containment') patch.containment = input.text!.trim();
    if (input.kind === 'mitigation') patch.mitigation = input.text!.trim();
    if (input.kind === 'notified') {
      target = input.target!;
      const at = new Date(input.notifiedAt!);
      const problems: { field: string; message: string }[] = [];
      if (target === 'meta' && !incident.whatsappInvolved)
        problems.push({ field: 'target', message: 'meta applies only when WhatsApp is involved' });
      if (at.getTime() < new Date(incident.detectedAt).getTime())
        problems.push({ field: 'notifiedAt', message: 'must not be before detectedAt' });
      if (at.getTime() > now.getTime() + SKEW_MS)
        problems.push({ field: 'notifiedAt', message: 'must not be in the future' });
      if (problems.length) throw new ValidationFailedError(problems);
      patch[NOTIFIED_FIELD[target]] = at;
    }
    await this.db.transaction(async () => {
      if (!(await this.incidents.patchOpen(id, patch))) throw new IncidentClosedError();
      await this.appendEvent(id, input.kind, input.text?.trim() || null, target, now);
      await this.audit.record({
        action: 'privacy.incidents.event',
        targetType: 'privacy_incident',
        targetId: id,
        details: { kind: input.kind, target, notifiedAt: input.notifiedAt ?? undefined },
      });
    });
    return this.one(side, id);
  }

  async close(side: IncidentSide, id: string, input: CloseIncident): Promise<IncidentView> {
    await this.editable(side, id);
    const now = this.clock.now();
    const rootCause = input.rootCause.trim();
    await this.db.transaction(async () => {
      const moved = await this.incidents.patchOpen(id, { status: 'closed', rootCause, closedAt: now });
      if (!moved) throw new IncidentClosedError();
      await this.appendEvent(id, 'closed', rootCause, null, now);
      await this.audit.record({
        action: 'privacy.incidents.close',
        targetType: 'privacy_incident',
        targetId: id,
        details: { status: { from: 'open', to: 'closed' } },
      });
    });
    return this.one(side, id);
  }

  /** The incident if the reader may see it: their tenant's own, or (a school) an operator's naming it. */
  private async locate(side: IncidentSide, id: string): Promise<Located> {
    const own = await this.incidents.byId(id);
    if (own) return { incident: own, tenantId: this.context.tenantId, editable: true };
    if (side === 'school') {
      const link = await this.links.byIncident(id);
      const linked = link
        ? await this.context.runAsTenant(link.sourceTenantId, () => this.incidents.byId(id))
        : null;
      if (link && linked) return { incident: linked, tenantId: link.sourceTenantId, editable: false };
    }
    throw new NotFoundError('The incident');
  }

  private async editable(side: IncidentSide, id: string): Promise<Located> {
    const located = await this.locate(side, id);
    if (!located.editable) throw new IncidentManagedByOperatorError();
    if (located.incident.status !== 'open') throw new IncidentClosedError();
    return located;
  }

  /** The named institutions, each an existing school; else 400 naming institutionIds. */
  private async affectedSchools(ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    for (const id of unique) {
      const institution = await this.institutions.findById(id);
      if (!institution || institution.kind !== InstitutionKind.School)
        throw new ValidationFailedError([{ field: 'institutionIds', message: `${id} is not a school` }]);
    }
    return unique;
  }

  /**
   * Queues one email per admin of each school (idempotent per incident and admin). Never sends: the
   * outbox worker does, once the school's email channel is set up; the answer counts schools without one.
   */
  private async noticeAdmins(
    schoolIds: string[],
    row: Pick<PrivacyIncident, 'id' | 'nature' | 'detectedAt'>,
  ): Promise<IncidentNoticeOutcome> {
    let messages = 0;
    let schoolsWithoutChannel = 0;
    for (const schoolId of schoolIds)
      await this.context.runAsTenant(schoolId, async () => {
        const adminIds = await this.access.holdersOf(DefaultRole.SchoolAdmin);
        const admins = (await this.users.findByIds(adminIds)).filter(
          (u) => u.status !== 'disabled' && u.email,
        );
        if (admins.length === 0) return;
        if (!(await this.channels.forSend('email')).ok) schoolsWithoutChannel++;
        const school = (await this.institutions.findById(schoolId))?.name ?? '';
        const { created } = await this.outbox.enqueueMany(
          admins.map((admin) => ({
            channel: 'email' as const,
            template: INCIDENT_NOTICE_TEMPLATE,
            recipient: admin.email,
            variables: {
              school,
              nature: row.nature,
              detectedAt: new Date(row.detectedAt).toISOString(),
            },
            idempotencyKey: `privacy-incident:${row.id}:${admin.id}`,
          })),
        );
        messages += created;
      });
    const status = messages === 0 ? 'no_recipients' : schoolsWithoutChannel > 0 ? 'no_channel' : 'queued';
    return { status, messages, schoolsWithoutChannel };
  }

  private async appendEvent(
    incidentId: string,
    kind: PrivacyIncidentEvent['kind'],
    text: string | null,
    target: IncidentClockKey | null,
    at: Date,
  ): Promise<void> {
    await this.events.append({
      id: uuidv7(),
      incidentId,
      kind,
      text,
      target,
      at,
      actorUserId: this.context.userId,
    });
  }

  private async view(side: IncidentSide, located: Located): Promise<IncidentView> {
    const { incident: r, tenantId, editable } = located;
    const ownTenant = tenantId === this.context.tenantId;
    const read = <T>(fn: () => Promise<T>) => (ownTenant ? fn() : this.context.runAsTenant(tenantId, fn));
    const [events, affected] = await read(() =>
      Promise.all([this.events.of([r.id]), r.origin === 'platform' ? this.schools.of([r.id]) : []]),
    );
    // Actors are named only to readers of the same organisation (a school sees no operator's name).
    const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => !!id))];
    const names = ownTenant && actorIds.length ? await this.users.findByIds(actorIds) : [];
    const nameOf = new Map(names.map((u) => [u.id, u.displayName]));
    const showSchools = side === 'platform' && ownTenant;
    const affectedSchools = showSchools
      ? await Promise.all(
          affected.map(async (s) => ({
            id: s.institutionId,
            name: (await this.institutions.findById(s.institutionId))?.name ?? '',
          })),
        )
      : null;
    const now = this.clock.now();
    const detectedAt = new Date(r.detectedAt);
    const applies = (key: IncidentClockKey) => key !== 'meta' || r.whatsappInvolved;
    return {
      id: r.id,
      origin: r.origin,
      status: r.status,
      detectedAt: detectedAt.toISOString(),
      nature: r.nature,
      description: r.description,
      categories: r.categories.split(',').filter(Boolean) as IncidentDataCategory[],
      subjectsCount: r.subjectsCount,
      containment: r.containment,
      mitigation: r.mitigation,
      whatsappInvolved: !!r.whatsappInvolved,
      clocks: INCIDENT_CLOCK_KEYS.map((key) =>
        incidentClock(key, detectedAt, date(r[NOTIFIED_FIELD[key]]), applies(key), now),
      ),
      affectedSchools,
      affectedSchoolCount: r.origin === 'platform' ? affected.length : 1,
      editable: editable && r.status === 'open',
      rootCause: r.rootCause,
      closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
      createdAt: new Date(r.createdAt).toISOString(),
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        text: e.text,
        target: e.target,
        at: new Date(e.at).toISOString(),
        actorUserId: ownTenant ? e.actorUserId : null,
        actorName: e.actorUserId ? (nameOf.get(e.actorUserId) ?? null) : null,
      })),
      notice: null,
    };
  }
}
