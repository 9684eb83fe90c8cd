import { Body, Controller, Module, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Public } from '../../src/platform/security/route-policy.decorators';

class ProbeAddress {
  @IsString()
  @Length(2, 40)
  city!: string;
}

export class ProbeBody {
  @IsEmail()
  email!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  count!: number;

  @IsIn(['present', 'absent'])
  status!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProbeAddress)
  address?: ProbeAddress;
}

/** A test-only route that exercises the real pipeline: body parser, size limit, validation pipe, envelope. */
@ApiTags('test-probe')
@Controller('__probe')
class ProbeController {
  @Public()
  @Post('echo')
  echo(@Body() body: ProbeBody): ProbeBody {
    return body;
  }

  @Public()
  @Post('boom')
  boom(): never {
    throw new Error('secret internal detail: password=hunter2');
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
