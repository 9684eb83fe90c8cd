import { Column, Entity } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** The school's address, contact and receipt footer: one row per institution, absent until first saved. */
@Entity({ name: 'institution_profiles' })
export class InstitutionProfileRow extends TenantEntity {
  @Column({ name: 'address_line1', type: 'varchar', length: 200 })
  addressLine1!: string;

  @Column({ name: 'address_line2', type: 'varchar', length: 200 })
  addressLine2!: string;

  @Column({ type: 'varchar', length: 100 })
  city!: string;

  @Column({ type: 'varchar', length: 100 })
  state!: string;

  @Column({ name: 'postal_code', type: 'varchar', length: 12 })
  postalCode!: string;

  @Column({ type: 'varchar', length: 32 })
  phone!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  website!: string;

  @Column({ name: 'receipt_footer', type: 'varchar', length: 500 })
  receiptFooter!: string;
}

/**
 * The school's logo, at most 256 KB (PNG or JPEG, checked by its bytes): a MEDIUMBLOB on MySQL (a BLOB is
 * only 64 KB; a 256 KB row is far below the default 16 MB max_allowed_packet), a BLOB on SQLite.
 */
@Entity({ name: 'institution_logos' })
export class InstitutionLogo extends TenantEntity {
  @Column({ name: 'content_type', type: 'varchar', length: 20 })
  contentType!: 'image/png' | 'image/jpeg';

  @Column({ type: 'int' })
  width!: number;

  @Column({ type: 'int' })
  height!: number;

  @Column({ name: 'byte_length', type: 'int' })
  byteLength!: number;

  /** sha-256 of the bytes, hex: the HTTP ETag. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'blob' })
  data!: Buffer;
}

export const INSTITUTION_PROFILE_ENTITIES = [InstitutionProfileRow, InstitutionLogo];
