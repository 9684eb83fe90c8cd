import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class CoScholasticRowDto {
  @ApiProperty()
  @IsUUID()
  studentId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    description: "co-scholastic area id -> a grade of the area's scale, or null to clear",
    example: { '0190a1b2-0000-7000-8000-000000000001': 'A' },
  })
  @IsObject()
  grades!: Record<string, unknown>;
}

export class SaveCoScholasticDto {
  @ApiProperty({ type: [CoScholasticRowDto], description: 'students and areas left out are untouched' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CoScholasticRowDto)
  rows!: CoScholasticRowDto[];
}

export class RemarkRowDto {
  @ApiProperty()
  @IsUUID()
  studentId!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    maxLength: 500,
    description: 'at most 500 characters after trimming; empty or null removes the remark',
  })
  @IsOptional()
  @IsString()
  // Checked again after trimming; this bound only keeps oversized bodies out.
  @MaxLength(2000)
  remark!: string | null;
}

export class SaveRemarksDto {
  @ApiProperty({ type: [RemarkRowDto], description: 'students left out are untouched' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RemarkRowDto)
  rows!: RemarkRowDto[];
}
