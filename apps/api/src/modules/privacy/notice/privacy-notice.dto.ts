import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type AcceptPrivacyNotice,
  PRIVACY_NOTICE_BODY_MAX,
  PRIVACY_NOTICE_CONTACT_MAX,
  type PrivacyNoticeDraft,
} from '@shala/contracts';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Something other than whitespace. */
const NOT_BLANK = /\S/;

/** POST /privacy/notices (a new draft) and PATCH /privacy/notices/:id (the draft's text). */
export class PrivacyNoticeDraftDto implements PrivacyNoticeDraft {
  @ApiProperty({
    maxLength: PRIVACY_NOTICE_BODY_MAX,
    description: 'Plain text: paragraphs split by blank lines, "- " list items, "# " headings; no HTML',
  })
  @IsString()
  @Matches(NOT_BLANK, { message: 'bodyEn must not be blank' })
  @MaxLength(PRIVACY_NOTICE_BODY_MAX)
  bodyEn!: string;

  @ApiPropertyOptional({ maxLength: PRIVACY_NOTICE_BODY_MAX, nullable: true, description: 'The Hindi text' })
  @IsOptional()
  @IsString()
  @MaxLength(PRIVACY_NOTICE_BODY_MAX)
  bodyHi?: string | null;

  @ApiProperty({
    maxLength: PRIVACY_NOTICE_CONTACT_MAX,
    description: 'Who to contact about personal data (grievance officer): name, email, phone',
  })
  @IsString()
  @IsNotEmpty()
  @Matches(NOT_BLANK, { message: 'contact must not be blank' })
  @MaxLength(PRIVACY_NOTICE_CONTACT_MAX)
  contact!: string;
}

/** POST /me/privacy-notice/accept. */
export class AcceptPrivacyNoticeDto implements AcceptPrivacyNotice {
  @ApiProperty({ minimum: 1, description: 'The version read (must be the one in force)' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
}
