import { Injectable } from '@nestjs/common';
import type { CalendarEventInput } from '@shala/contracts';
import { addDays } from '../../platform/time/local-time';
import { AcademicsService } from '../academics/academics.service';
import { SchoolCalendar } from '../attendance/school-calendar';
import { CalendarEventsService } from './calendar-events.service';

/**
 * A term's calendar for a demo school, dated from its today: a parent-teacher meeting, a science
 * exhibition for one class, sports day, a field trip for one section, the annual function, the half-yearly
 * exams and a holiday (kept in the attendance calendar, where holidays live).
 */
@Injectable()
export class CalendarDemoSeeder {
  constructor(
    private readonly events: CalendarEventsService,
    private readonly schoolCalendar: SchoolCalendar,
    private readonly academics: AcademicsService,
  ) {}

  async seed(): Promise<void> {
    const { today } = await this.schoolCalendar.localNow();
    const day = (n: number) => addDays(today, n);
    const classes = await this.academics.listClasses();
    const sections = await this.academics.listSections();
    const class5 = classes.find((c) => c.name === 'Class 5');
    const class6 = classes.find((c) => c.name === 'Class 6');
    const class6b = sections.find((s) => s.classId === class6?.id && s.name === 'B');
    const school = { audience: 'school' as const };
    const timed = (startTime: string, endTime: string) => ({ allDay: false, startTime, endTime });
    const events: CalendarEventInput[] = [
      {
        type: 'meeting',
        title: 'Parent-teacher meeting',
        description: 'Meet the class teachers; term progress and report cards.\nPlease bring the diary.',
        startsOn: day(9),
        ...timed('09:30', '13:00'),
        ...school,
      },
      {
        type: 'function',
        title: 'Sports day',
        description: 'Track events, relays and the march past. Sports uniform, please.',
        startsOn: day(16),
        allDay: true,
        ...school,
      },
      {
        type: 'function',
        title: 'Annual function',
        description: 'Songs, dances and the prize distribution, in the school auditorium.',
        startsOn: day(30),
        ...timed('17:30', '20:00'),
        ...school,
      },
      {
        type: 'exam',
        title: 'Half-yearly examinations',
        description: 'The date sheet is in the exam schedule.',
        startsOn: day(40),
        endsOn: day(47),
        allDay: true,
        ...school,
      },
    ];
    if (class5)
      events.push({
        type: 'function',
        title: 'Science exhibition (Class 5)',
        startsOn: day(12),
        ...timed('10:00', '12:30'),
        audience: 'classes',
        targets: [{ classId: class5.id, sectionId: null }],
      });
    if (class6 && class6b)
      events.push({
        type: 'other',
        title: 'Field trip to the planetarium (Class 6 B)',
        description: 'Bus leaves at 8:00; consent slips by Friday.',
        startsOn: day(20),
        allDay: true,
        audience: 'classes',
        targets: [{ classId: class6.id, sectionId: class6b.id }],
      });
    for (const e of events) await this.events.create(e);
    if (!(await this.schoolCalendar.holidays(day(23), day(23))).length)
      await this.schoolCalendar.addHoliday(day(23), "Founders' Day");
  }
}
