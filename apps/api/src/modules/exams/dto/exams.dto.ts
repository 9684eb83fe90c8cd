import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
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
import { PAPER_COMPONENT_CODES } from '@shala/contracts';
import { IsLocalDate } from '../../../platform/http/validators';
import { SCALE_KINDS } from '../entities/exams.entities';

const TWO_DECIMALS = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

export class BandDto {
  @ApiProperty({ example: 'A1' })
  @IsString()
  @Length(1, 4)
  grade!: string;

  @ApiProperty({ description: 'inclusive lower bound in percent, two decimals at most', example: 91 })
  @IsNumber(TWO_DECIMALS)
  @Min(0)
  @Max(100)
  minPercent!: number;

  @ApiProperty({ description: 'inclusive upper bound in percent, two decimals at most', example: 100 })
  @IsNumber(TWO_DECIMALS)
  @Min(0)
  @Max(100)
  maxPercent!: number;

  @ApiPropertyOptional({ example: 10, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsNumber(TWO_DECIMALS)
  @Min(0)
  @Max(100)
  gradePoint?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(100)
  description?: string | null;
}

export class GradingScaleDto {
  @ApiProperty({ example: 'CBSE eight-point' })
  @IsString()
  @Length(1, 60)
  name!: string;

  @ApiProperty({ enum: SCALE_KINDS })
  @IsIn(SCALE_KINDS)
  kind!: (typeof SCALE_KINDS)[number];

  @ApiProperty({ type: [BandDto], description: 'a scholastic scale covers 0..100 % with no gap or overlap' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => BandDto)
  bands!: BandDto[];
}

export class TermDto {
  @ApiPropertyOptional({ description: 'an existing term to keep; leave out to create one' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Term 1' })
  @IsString()
  @Length(1, 60)
  name!: string;

  @ApiProperty()
  @IsLocalDate()
  startsOn!: string;

  @ApiProperty()
  @IsLocalDate()
  endsOn!: string;

  @ApiProperty({ description: "share of the year's result in percent; a year's terms add up to 100" })
  @IsNumber(TWO_DECIMALS)
  @Min(0)
  @Max(100)
  yearWeightage!: number;

  @ApiPropertyOptional({ nullable: true, description: 'the scholastic scale grading the term' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  gradingScaleId?: string | null;
}

export class TermsDto {
  @ApiProperty({
    type: [TermDto],
    description: 'every term of the year, in order; terms left out are removed',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => TermDto)
  terms!: TermDto[];
}

export class AssessmentDto {
  @ApiPropertyOptional({ description: 'an existing assessment to keep; leave out to create one' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Periodic Test 1' })
  @IsString()
  @Length(1, 80)
  name!: string;

  @ApiProperty({ example: 'PT1' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,20}$/)
  code!: string;

  @ApiProperty({ description: "share of the term's result in percent; a term's assessments add up to 100" })
  @IsNumber(TWO_DECIMALS)
  @Min(0)
  @Max(100)
  termWeightage!: number;
}

export class AssessmentsDto {
  @ApiProperty({
    type: [AssessmentDto],
    description: 'every assessment of the term, in order; assessments left out are removed',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => AssessmentDto)
  assessments!: AssessmentDto[];
}

export class ComponentDto {
  @ApiProperty({ enum: PAPER_COMPONENT_CODES })
  @IsIn(PAPER_COMPONENT_CODES)
  code!: (typeof PAPER_COMPONENT_CODES)[number];

  @ApiProperty({ example: 70 })
  @IsNumber(TWO_DECIMALS)
  @Min(0.01)
  @Max(1000)
  maxMarks!: number;
}

export class PaperDto {
  @ApiProperty()
  @IsUUID()
  classId!: string;

  @ApiProperty()
  @IsUUID()
  subjectId!: string;

  @ApiProperty({ example: 80 })
  @IsNumber(TWO_DECIMALS)
  @Min(0.01)
  @Max(1000)
  maxMarks!: number;

  @ApiProperty({ example: 26, description: 'at most maxMarks' })
  @IsNumber(TWO_DECIMALS)
  @Min(0)
  @Max(1000)
  passMarks!: number;

  @ApiPropertyOptional({
    type: [ComponentDto],
    description: 'theory/practical/internal; their maxima add up to maxMarks. Leave out for one total column',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => ComponentDto)
  components?: ComponentDto[];
}

export class PapersDto {
  @ApiProperty({ type: [PaperDto], description: 'papers to create or change, one per class and subject' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PaperDto)
  papers!: PaperDto[];
}

export class CoScholasticAreaDto {
  @ApiProperty({ example: 'Work Education' })
  @IsString()
  @Length(1, 80)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  sortOrder?: number;

  @ApiProperty({ description: 'a co-scholastic grading scale' })
  @IsUUID()
  scaleId!: string;
}

export class StructureQuery {
  @ApiPropertyOptional({ description: 'defaults to the current academic year' })
  @IsOptional()
  @IsUUID()
  academicYearId?: string;
}

export class ProgressQuery {
  @ApiProperty()
  @IsUUID()
  assessmentId!: string;
}

export class MarksRowDto {
  @ApiProperty()
  @IsUUID()
  studentId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true },
    description:
      "column code ('total', or theory/practical/internal) -> a number with at most 2 decimals, AB, EX, ML, or null to clear",
    example: { total: 37.5 },
  })
  @IsObject()
  cells!: Record<string, unknown>;
}

export class SaveMarksDto {
  @ApiProperty({ type: [MarksRowDto], description: 'students left out are untouched' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MarksRowDto)
  rows!: MarksRowDto[];

  @ApiPropertyOptional({ description: 'required to change submitted marks (exams.moderate)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
