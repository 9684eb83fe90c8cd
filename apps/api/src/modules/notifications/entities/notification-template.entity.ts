import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** An institution's wording of one message kind in one language, per channel (absent part: not sent there). */
@Entity({ name: 'notification_templates' })
export class NotificationTemplate extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The message kind: absence_alert, fee_reminder, receipt, password_reset, invitation, exam_results. */
  @Column({ type: 'varchar', length: 64 })
  name!: string;

  /** BCP 47 language of the wording, e.g. en, hi, kn. */
  @Column({ type: 'varchar', length: 16 })
  language!: string;

  @Column({ name: 'email_subject', type: 'varchar', length: 300, nullable: true })
  emailSubject!: string | null;

  @Column({ name: 'email_body', type: 'text', nullable: true })
  emailBody!: string | null;

  @Column({ name: 'sms_body', type: 'text', nullable: true })
  smsBody!: string | null;

  /** The template id registered on the DLT platform (India). */
  @Column({ name: 'sms_dlt_template_id', type: 'varchar', length: 64, nullable: true })
  smsDltTemplateId!: string | null;

  /** The registered DLT text with {#var#} placeholders; the rendered SMS must match it. */
  @Column({ name: 'sms_dlt_template', type: 'text', nullable: true })
  smsDltTemplate!: string | null;

  /** The approved WhatsApp template's name at Meta. */
  @Column({ name: 'whatsapp_template_name', type: 'varchar', length: 512, nullable: true })
  whatsappTemplateName!: string | null;

  @Column({ name: 'whatsapp_language_code', type: 'varchar', length: 16, nullable: true })
  whatsappLanguageCode!: string | null;

  /** JSON array of variable names, in the order of the WhatsApp template's {{1}}, {{2}}, ... */
  @Column({ name: 'whatsapp_parameters', type: 'text', nullable: true })
  whatsappParameters!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
