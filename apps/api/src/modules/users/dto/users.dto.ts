import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PAGE_LIMIT_MAX } from '@shala/contracts';

const ROLE_KEY = /^[a-z][a-z0-9_]{1,63}$/;

export class InviteUserDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(2, 200)
  displayName!: string;

  @ApiProperty({ type: [String], example: ['teacher'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(10)
  @Matches(ROLE_KEY, { each: true, message: 'each role must be a role key such as teacher' })
  roles!: string[];
}

export class SetRolesDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(10)
  @Matches(ROLE_KEY, { each: true, message: 'each role must be a role key such as teacher' })
  roles!: string[];
}

export class ListUsersQuery {
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;

  @ApiPropertyOptional({ enum: ['active', 'invited', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'invited', 'disabled'])
  status?: 'active' | 'invited' | 'disabled';
}
