import { Module } from '@nestjs/common';
import { AcademicsModule } from '../academics/academics.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { ExamsModule } from '../exams/exams.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { StudentsModule } from '../students/students.module';
import { CalendarViewers } from './calendar-audience';
import { CalendarDemoSeeder } from './calendar-demo.seeder';
import { CalendarEventsService } from './calendar-events.service';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarItemsService } from './calendar-items.service';
import { CalendarLabelsReader } from './calendar-labels';
import { CalendarController, CalendarFeedController } from './calendar.controller';
import {
  CalendarEventsRepository,
  CalendarFeedsRepository,
  CalendarTargetsRepository,
} from './calendar.repository';

/** The school calendar and its iCalendar feed (issue 16 item 6). */
@Module({
  imports: [AcademicsModule, StudentsModule, InstitutionsModule, AttendanceModule, ExamsModule],
  controllers: [CalendarController, CalendarFeedController],
  providers: [
    CalendarEventsRepository,
    CalendarTargetsRepository,
    CalendarFeedsRepository,
    CalendarViewers,
    CalendarLabelsReader,
    CalendarEventsService,
    CalendarItemsService,
    CalendarFeedService,
    CalendarDemoSeeder,
  ],
  exports: [CalendarDemoSeeder],
})
export class CalendarModule {}
