import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { PageQuery } from '../../../platform/http/page-query';
import { IsLocalDate } from '../../../platform/http/validators';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { GENDERS, RELATIONSHIPS, STUDENT_STATUSES } from '../entities/student.entities';
import { SEARCH_QUERY_MAX } from '../student-search-key';

const PHONE = /^\+?[0-9][0-9 ()-]{8,18}$/;

export class GuardianDto {
  @ApiProperty()
  @IsString()
  @Length(2, 200)
  fullName!: string;

  @ApiProperty({ enum: RELATIONSHIPS })
  @IsIn(RELATIONSHIPS)
  relationship!: (typeof RELATIONSHIPS)[number];

  @ApiPropertyOptional({ example: '+919812345678' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number such as +91 98xxxxxxxx' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;
}

export class CreateStudentDto {
  @ApiProperty({ example: 'GW-2026-001' })
  @Matches(/^[A-Za-z0-9/_-]{1,40}$/, { message: 'admissionNo must be up to 40 letters, digits, / _ or -' })
  admissionNo!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  firstName!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  lastName!: string;

  @ApiProperty({ example: '2015-06-14' })
  @IsLocalDate()
  dateOfBirth!: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender!: (typeof GENDERS)[number];

  @ApiProperty({ example: '2026-04-01' })
  @IsLocalDate()
  admissionDate!: string;

  @ApiPropertyOptional({ enum: STUDENT_STATUSES })
  @IsOptional()
  @IsIn(STUDENT_STATUSES)
  status?: (typeof STUDENT_STATUSES)[number];

  @ApiPropertyOptional({ description: 'encrypted at rest; masked in responses' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^[A-Za-z0-9 -]{4,30}$/, { message: 'nationalId must be 4-30 letters, digits, spaces or hyphens' })
  nationalId?: string | null;

  @ApiPropertyOptional({ description: 'encrypted at rest; masked in responses' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  medicalNotes?: string | null;

  @ApiPropertyOptional({ description: 'encrypted at rest; masked in responses' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ description: 'enrol in this section for the current year' })
  @IsOptional()
  @IsUUID()
  sectionId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  rollNo?: number;

  @ApiPropertyOptional({ type: [GuardianDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => GuardianDto)
  guardians?: GuardianDto[];
}

/** Every field of a new student but the guardians (added through their own endpoint), all optional. */
export class UpdateStudentDto extends PartialType(OmitType(CreateStudentDto, ['guardians'] as const)) {}

export class ListStudentsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'any part of a first, last or full name or of an admission number; case and accents ignored',
    maxLength: SEARCH_QUERY_MAX,
  })
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_QUERY_MAX, { message: `q must be at most ${SEARCH_QUERY_MAX} characters` })
  q?: string;

  @ApiPropertyOptional({ description: 'admission number prefix' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  admissionNo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  classId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  sectionId?: string;

  @ApiPropertyOptional({ enum: STUDENT_STATUSES })
  @IsOptional()
  @IsIn(STUDENT_STATUSES)
  status?: (typeof STUDENT_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['name', 'admissionNo'] })
  @IsOptional()
  @IsIn(['name', 'admissionNo'])
  sort?: 'name' | 'admissionNo';
}

export class ExportStudentsQuery extends ListStudentsQuery {}

export class ImportQuery {
  @ApiPropertyOptional({
    description: 'true: validate and report only (default); false: import, all or nothing',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'false' ? false : value === 'true' ? true : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class SearchStudentsDto {
  @ApiPropertyOptional({ description: 'exact national ID (blind index)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9 -]{4,30}$/, { message: 'nationalId must be 4-30 letters, digits, spaces or hyphens' })
  nationalId?: string;

  @ApiPropertyOptional({ description: 'exact guardian phone (blind index)' })
  @IsOptional()
  @Matches(PHONE, { message: 'guardianPhone must be a phone number' })
  guardianPhone?: string;

  @ApiPropertyOptional({ description: 'exact guardian email (blind index)' })
  @IsOptional()
  @IsEmail()
  guardianEmail?: string;
}

export class AccountLinkDto {
  @ApiProperty({ nullable: true, description: 'user id of the account, or null to unlink' })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  userId!: string | null;
}

export class PromoteDto {
  @ApiProperty()
  @IsUUID()
  fromClassId!: string;

  @ApiProperty()
  @IsUUID()
  toClassId!: string;

  @ApiProperty({ description: 'the year the students move into' })
  @IsUUID()
  toYearId!: string;
}
