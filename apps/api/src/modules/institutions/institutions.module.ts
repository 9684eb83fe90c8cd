import { Module } from '@nestjs/common';
import { InstitutionsRepository } from './institutions.repository';
import { InstitutionsService } from './institutions.service';

@Module({ providers: [InstitutionsRepository, InstitutionsService], exports: [InstitutionsService] })
export class InstitutionsModule {}
