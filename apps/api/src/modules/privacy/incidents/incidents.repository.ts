import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../../../platform/database/database';
import type { Insertable } from '../../../platform/database/insertable';
import { TenantScopedRepository } from '../../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../../platform/tenancy/request-context';
import {
  PrivacyIncident,
  PrivacyIncidentEvent,
  PrivacyIncidentLink,
  PrivacyIncidentSchool,
} from './incident.entities';

const LIST_LIMIT = 500;

@Injectable()
export class IncidentsRepository extends TenantScopedRepository<PrivacyIncident> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyIncident);
  }

  async create(row: Insertable<PrivacyIncident>): Promise<void> {
    await this.insert(row);
  }

  byId(id: string): Promise<PrivacyIncident | null> {
    return this.findOneBy({ id });
  }

  byIds(ids: string[]): Promise<PrivacyIncident[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  /** This tenant's own incidents, newest detection first. */
  list(): Promise<PrivacyIncident[]> {
    return this.find({ order: { detectedAt: 'DESC', id: 'DESC' }, take: LIST_LIMIT });
  }

  /** Changes an open incident (compare-and-set on `open`); answers whether it changed. */
  async patchOpen(
    id: string,
    patch: Partial<
      Pick<
        PrivacyIncident,
        | 'containment'
        | 'mitigation'
        | 'schoolsNotifiedAt'
        | 'boardNotifiedAt'
        | 'metaNotifiedAt'
        | 'status'
        | 'rootCause'
        | 'closedAt'
      >
    >,
  ): Promise<boolean> {
    return (await this.update({ id, status: 'open' }, { ...patch, updatedAt: new Date() })) === 1;
  }
}

@Injectable()
export class IncidentEventsRepository extends TenantScopedRepository<PrivacyIncidentEvent> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyIncidentEvent);
  }

  async append(row: Insertable<PrivacyIncidentEvent>): Promise<void> {
    await this.insert(row);
  }

  /** The timelines of these incidents, oldest first. */
  of(incidentIds: string[]): Promise<PrivacyIncidentEvent[]> {
    if (incidentIds.length === 0) return Promise.resolve([]);
    return this.find({ where: { incidentId: In(incidentIds) }, order: { at: 'ASC', id: 'ASC' } });
  }
}

@Injectable()
export class IncidentSchoolsRepository extends TenantScopedRepository<PrivacyIncidentSchool> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyIncidentSchool);
  }

  async add(incidentId: string, institutionIds: string[]): Promise<void> {
    await this.insert(institutionIds.map((institutionId) => ({ incidentId, institutionId })));
  }

  of(incidentIds: string[]): Promise<PrivacyIncidentSchool[]> {
    if (incidentIds.length === 0) return Promise.resolve([]);
    return this.find({ where: { incidentId: In(incidentIds) } });
  }
}

@Injectable()
export class IncidentLinksRepository extends TenantScopedRepository<PrivacyIncidentLink> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyIncidentLink);
  }

  async add(incidentId: string, sourceTenantId: string): Promise<void> {
    await this.insert({ incidentId, sourceTenantId });
  }

  byIncident(incidentId: string): Promise<PrivacyIncidentLink | null> {
    return this.findOneBy({ incidentId });
  }

  list(): Promise<PrivacyIncidentLink[]> {
    return this.find({ order: { createdAt: 'DESC' }, take: LIST_LIMIT });
  }
}
