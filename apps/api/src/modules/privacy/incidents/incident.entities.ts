import type { IncidentClockKey, IncidentEventKind, IncidentOrigin, IncidentStatus } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** A personal-data incident of this tenant: a school's own, or (in the platform tenant) an operator's. */
@Entity({ name: 'privacy_incidents' })
export class PrivacyIncident extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  origin!: IncidentOrigin;

  @Column({ type: 'varchar', length: 16 })
  status!: IncidentStatus;

  @Column({ name: 'detected_at', type: 'datetime' })
  detectedAt!: Date;

  @Column({ type: 'varchar', length: 200 })
  nature!: string;

  @Column({ type: 'text' })
  description!: string;

  /** Comma-separated data categories. */
  @Column({ type: 'varchar', length: 400 })
  categories!: string;

  @Column({ name: 'subjects_count', type: 'int' })
  subjectsCount!: number;

  @Column({ type: 'text', nullable: true })
  containment!: string | null;

  @Column({ type: 'text', nullable: true })
  mitigation!: string | null;

  @Column({ name: 'whatsapp_involved', type: 'boolean' })
  whatsappInvolved!: boolean;

  @Column({ name: 'schools_notified_at', type: 'datetime', nullable: true })
  schoolsNotifiedAt!: Date | null;

  @Column({ name: 'board_notified_at', type: 'datetime', nullable: true })
  boardNotifiedAt!: Date | null;

  @Column({ name: 'meta_notified_at', type: 'datetime', nullable: true })
  metaNotifiedAt!: Date | null;

  @Column({ name: 'root_cause', type: 'text', nullable: true })
  rootCause!: string | null;

  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'created_by_user_id', type: 'varchar', length: 36, nullable: true })
  createdByUserId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

/** One entry of an incident's timeline (append-only). */
@Entity({ name: 'privacy_incident_events' })
export class PrivacyIncidentEvent extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'incident_id', type: 'varchar', length: 36 })
  incidentId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: IncidentEventKind;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  target!: IncidentClockKey | null;

  @Column({ type: 'datetime' })
  at!: Date;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

/** An affected school of an operator's incident (platform tenant only). */
@Entity({ name: 'privacy_incident_schools' })
export class PrivacyIncidentSchool extends TenantEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'varchar', length: 36 })
  incidentId!: string;

  @PrimaryColumn({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId!: string;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

/** In an affected school's tenant: an operator's incident that names this school. */
@Entity({ name: 'privacy_incident_links' })
export class PrivacyIncidentLink extends TenantEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'varchar', length: 36 })
  incidentId!: string;

  @Column({ name: 'source_tenant_id', type: 'varchar', length: 36 })
  sourceTenantId!: string;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

export const INCIDENT_ENTITIES = [
  PrivacyIncident,
  PrivacyIncidentEvent,
  PrivacyIncidentSchool,
  PrivacyIncidentLink,
];
