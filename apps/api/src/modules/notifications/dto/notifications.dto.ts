import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../platform/http/page-query';
import { IsLocalDate } from '../../../platform/http/validators';
import { HH_MM } from '../delivery-timing';
import { MESSAGE_STATUSES, type MessageStatus } from '@shala/contracts';
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  ConsentChannel,
  ConsentPurpose,
  ConsentSource,
} from '../entities/consent.entity';
import { OutboxChannel } from '../entities/outbox-message.entity';
import { TEMPLATE_NAMES } from '../template-catalogue';

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

// --- delivery log ---------------------------------------------------------------------------------

export class ListMessagesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MESSAGE_STATUSES })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: MessageStatus;

  @ApiPropertyOptional({ enum: ['email', 'sms', 'whatsapp'] })
  @IsOptional()
  @IsIn(['email', 'sms', 'whatsapp'])
  channel?: OutboxChannel;

  @ApiPropertyOptional({ enum: TEMPLATE_NAMES })
  @IsOptional()
  @IsIn(TEMPLATE_NAMES)
  template?: string;

  @ApiPropertyOptional({ description: 'only messages to this guardian' })
  @IsOptional()
  @IsUUID()
  guardianId?: string;

  @ApiPropertyOptional({ description: 'created on or after this local date (YYYY-MM-DD, school time zone)' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ description: 'created on or before this local date (YYYY-MM-DD, school time zone)' })
  @IsOptional()
  @IsLocalDate()
  to?: string;
}

export class ListDeadLettersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['email', 'sms', 'whatsapp'] })
  @IsOptional()
  @IsIn(['email', 'sms', 'whatsapp'])
  channel?: OutboxChannel;

  @ApiPropertyOptional({ enum: TEMPLATE_NAMES })
  @IsOptional()
  @IsIn(TEMPLATE_NAMES)
  template?: string;
}

// --- templates --------------------------------------------------------------------------------------

export class EmailPartDto {
  @ApiProperty({ example: '{{student}} was marked {{status}} on {{date}}' })
  @IsString()
  @Length(1, 300)
  subject!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 10_000)
  body!: string;
}

export class SmsPartDto {
  @ApiProperty({ example: 'Dear parent, {{student}} was marked {{status}} on {{date}}. - {{school}}' })
  @IsString()
  @Length(1, 1000)
  body!: string;

  @ApiPropertyOptional({ description: 'the template id registered on the DLT platform', nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{1,64}$/, { message: 'dltTemplateId must be the numeric DLT template id' })
  dltTemplateId?: string | null;

  @ApiPropertyOptional({
    description: 'the registered DLT text, {#var#} where a variable goes; the SMS must match it',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  dltTemplate?: string | null;
}

export class WhatsAppPartDto {
  @ApiProperty({ description: 'the approved template name at Meta', example: 'absence_alert' })
  @Matches(/^[a-z0-9_]{1,512}$/, { message: 'templateName must be lowercase letters, digits and _' })
  templateName!: string;

  @ApiProperty({ example: 'en' })
  @Matches(/^[a-z]{2,3}(_[A-Z]{2})?$/, { message: 'languageCode must be like en or en_US' })
  languageCode!: string;

  @ApiProperty({ type: [String], description: 'variable names in the order of {{1}}, {{2}}, ...' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  parameters!: string[];
}

export class TemplateContentDto {
  @ApiPropertyOptional({ type: EmailPartDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmailPartDto)
  email?: EmailPartDto | null;

  @ApiPropertyOptional({ type: SmsPartDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SmsPartDto)
  sms?: SmsPartDto | null;

  @ApiPropertyOptional({ type: WhatsAppPartDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WhatsAppPartDto)
  whatsapp?: WhatsAppPartDto | null;
}

export class CreateTemplateDto extends TemplateContentDto {
  @ApiProperty({ enum: TEMPLATE_NAMES })
  @IsIn(TEMPLATE_NAMES)
  name!: string;

  @ApiProperty({ example: 'en', description: 'language of the wording (BCP 47: en, hi, kn, ...)' })
  @Matches(LANGUAGE, { message: 'language must be a language code such as en or hi' })
  language!: string;
}

// --- channels and preferences ------------------------------------------------------------------------

export class EmailChannelDto {
  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;

  @ApiPropertyOptional({ nullable: true, example: 'Greenwood High School' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fromName?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'office@greenwood.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  fromAddress?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  replyTo?: string | null;
}

export class SmsChannelDto {
  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;

  @ApiPropertyOptional({
    nullable: true,
    description: 'DLT principal entity id',
    example: '1101234567890123456',
  })
  @IsOptional()
  @Matches(/^[0-9]{6,30}$/, { message: 'entityId must be the numeric DLT entity id' })
  entityId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'DLT sender header', example: 'GRNWDS' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{3,11}$/, { message: 'senderHeader must be 3-11 letters or digits' })
  senderHeader?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'write-only; absent keeps it, null clears it' })
  @IsOptional()
  @IsString()
  @Length(8, 500)
  apiKey?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description:
      'write-only secret the gateway signs delivery reports with (X-Dlr-Signature); absent keeps it, null clears it',
  })
  @IsOptional()
  @IsString()
  @Length(32, 200)
  webhookSecret?: string | null;
}

export class WhatsAppChannelDto {
  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;

  @ApiPropertyOptional({ nullable: true, example: '106540352242922' })
  @IsOptional()
  @Matches(/^[0-9]{5,30}$/, { message: 'phoneNumberId must be the numeric phone number id' })
  phoneNumberId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{5,30}$/, { message: 'businessAccountId must be the numeric WhatsApp business account id' })
  businessAccountId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'write-only bearer token' })
  @IsOptional()
  @IsString()
  @Length(16, 1000)
  accessToken?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'write-only app secret (webhook signatures)' })
  @IsOptional()
  @IsString()
  @Length(16, 200)
  appSecret?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'write-only webhook verify token' })
  @IsOptional()
  @IsString()
  @Length(8, 200)
  verifyToken?: string | null;
}

export class QuietHoursDto {
  @ApiProperty({ example: '21:00', description: 'local time (school time zone)' })
  @Matches(HH_MM, { message: 'start must be HH:MM' })
  start!: string;

  @ApiProperty({ example: '07:00' })
  @Matches(HH_MM, { message: 'end must be HH:MM' })
  end!: string;
}

export class PreferencesDto {
  @ApiProperty({ type: QuietHoursDto, nullable: true, description: 'null: no quiet hours' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours!: QuietHoursDto | null;

  @ApiProperty({ example: 'en' })
  @Matches(LANGUAGE, { message: 'defaultLanguage must be a language code such as en or hi' })
  defaultLanguage!: string;
}

// --- consents ------------------------------------------------------------------------------------------

export class ConsentChangeDto {
  @ApiProperty({ enum: CONSENT_CHANNELS })
  @IsIn(CONSENT_CHANNELS)
  channel!: ConsentChannel;

  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;

  @ApiProperty({ description: 'true: opted in; false: withdrawn (unsent messages are cancelled at once)' })
  @IsBoolean()
  granted!: boolean;
}

export class MyConsentsDto {
  @ApiProperty({ type: [ConsentChangeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => ConsentChangeDto)
  changes!: ConsentChangeDto[];
}

const STAFF_SOURCES = ['school_office', 'paper_form', 'import'] as const;

export class StaffConsentsDto extends MyConsentsDto {
  @ApiProperty({ enum: STAFF_SOURCES, description: 'how the guardian gave or withdrew consent' })
  @IsIn(STAFF_SOURCES)
  source!: Exclude<ConsentSource, 'parent_app'>;

  @ApiPropertyOptional({ nullable: true, example: 'signed form kept in the admission file' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  note?: string | null;
}

// --- webhooks --------------------------------------------------------------------------------------------

/** Meta's verification request: GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=... */
export class WebhookVerifyQuery {
  @ApiProperty({ name: 'hub.mode', example: 'subscribe' })
  @IsString()
  @MaxLength(32)
  'hub.mode'!: string;

  @ApiProperty({ name: 'hub.verify_token' })
  @IsString()
  @MaxLength(200)
  'hub.verify_token'!: string;

  @ApiProperty({ name: 'hub.challenge' })
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: 'hub.challenge must be a plain token' })
  'hub.challenge'!: string;
}
