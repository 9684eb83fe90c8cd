import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module';
import { SchoolSettingsController } from './school-settings.controller';
import { SchoolSettingsService } from './school-settings.service';

/** The settings page's school profile and logo routes (GET/PATCH /institution/profile, /institution/logo). */
@Module({
  imports: [InstitutionsModule],
  controllers: [SchoolSettingsController],
  providers: [SchoolSettingsService],
})
export class SchoolSettingsModule {}
