import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsLocalDate } from '../../../platform/http/validators';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

export class CreateYearDto {
  @ApiProperty({ example: '2026-27' })
  @IsString()
  @Length(2, 40)
  name!: string;

  @ApiProperty({ example: '2026-04-01' })
  @IsLocalDate()
  startsOn!: string;

  @ApiProperty({ example: '2027-03-31' })
  @IsLocalDate()
  endsOn!: string;

  @ApiPropertyOptional({ description: 'make it the current year (the first year always is)' })
  @IsOptional()
  @IsBoolean()
  current?: boolean;
}

export class CreateClassDto {
  @ApiProperty({ example: 'Class 5' })
  @IsString()
  @Length(1, 60)
  name!: string;

  @ApiProperty({ example: 5, description: 'order for promotion and sorting' })
  @IsInt()
  @Min(-5)
  @Max(30)
  ordinal!: number;
}

export class CreateSectionDto {
  @ApiProperty()
  @IsUUID()
  classId!: string;

  @ApiProperty({ example: 'A' })
  @IsString()
  @Length(1, 20)
  name!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  classTeacherUserId?: string | null;
}

export class UpdateSectionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 20)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  classTeacherUserId?: string | null;
}

export class CreateSubjectDto {
  @ApiProperty({ example: 'MATH' })
  @Matches(/^[A-Z0-9_-]{2,20}$/, { message: 'code must be 2-20 capital letters, digits, _ or -' })
  code!: string;

  @ApiProperty({ example: 'Mathematics' })
  @IsString()
  @Length(2, 100)
  name!: string;
}

export class AssignSubjectDto {
  @ApiProperty()
  @IsUUID()
  sectionId!: string;

  @ApiProperty()
  @IsUUID()
  subjectId!: string;

  @ApiProperty()
  @IsUUID()
  teacherUserId!: string;

  @ApiPropertyOptional({ description: 'defaults to the current year' })
  @IsOptional()
  @IsUUID()
  academicYearId?: string;
}

export class YearQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  yearId?: string;
}
