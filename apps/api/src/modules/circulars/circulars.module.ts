import { Module } from '@nestjs/common';
import { AcademicsModule } from '../academics/academics.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';
import { CircularAttachmentsService } from './circular-attachments.service';
import { CircularPublisher } from './circular-publisher';
import { CircularReadingService } from './circular-reading.service';
import { CircularsController } from './circulars.controller';
import { CircularsDemoSeeder } from './circulars-demo.seeder';
import {
  CircularAttachmentsRepository,
  CircularRecipientsRepository,
  CircularTargetsRepository,
  CircularsRepository,
} from './circulars.repository';
import { CircularsService } from './circulars.service';
import { ScheduledCircularsJob } from './scheduled-circulars.job';

/** Circulars (issue 16 item 5): notices to families and staff, read receipts and acknowledgements. */
@Module({
  imports: [AcademicsModule, StudentsModule, InstitutionsModule, UsersModule],
  controllers: [CircularsController],
  providers: [
    CircularsRepository,
    CircularTargetsRepository,
    CircularAttachmentsRepository,
    CircularRecipientsRepository,
    CircularPublisher,
    CircularsService,
    CircularReadingService,
    CircularAttachmentsService,
    ScheduledCircularsJob,
    CircularsDemoSeeder,
  ],
  exports: [CircularsDemoSeeder, ScheduledCircularsJob],
})
export class CircularsModule {}
