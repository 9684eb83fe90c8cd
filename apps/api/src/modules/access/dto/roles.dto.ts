import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';

export class PermissionsDto {
  @ApiProperty({ type: [String], example: ['students.read', 'attendance.mark'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  permissions!: string[];
}

export class CreateRoleDto extends PermissionsDto {
  @ApiProperty({ example: 'librarian', description: 'lowercase letters, digits and underscores' })
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, {
    message: 'key must be lowercase letters, digits and underscores, starting with a letter',
  })
  key!: string;

  @ApiProperty({ example: 'Librarian' })
  @IsString()
  @Length(2, 100)
  name!: string;
}

export class RenameRoleDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(2, 100)
  name!: string;
}
