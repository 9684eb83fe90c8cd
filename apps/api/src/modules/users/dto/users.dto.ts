import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQuery } from '../../../platform/http/page-query';

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

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['active', 'invited', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'invited', 'disabled'])
  status?: 'active' | 'invited' | 'disabled';
}
