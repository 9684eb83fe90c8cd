import { Injectable } from '@nestjs/common';
import { DEMO_PASSWORD, DefaultRole } from '@shala/contracts';
import { CurrentInstitution } from '../institutions/current-institution';
import { AcademicsService } from '../academics/academics.service';
import { UserAccounts } from '../access/user-accounts.service';
import { SchoolCalendar } from '../attendance/school-calendar';
import { UsersService } from '../users/users.service';
import { BellScheduleService } from './bell-schedule.service';
import { TimetableService } from './timetable.service';

/** Mathematics stays with the demo class teacher in Class 5 A; each other subject has one teacher. */
const SUBJECT_TEACHERS: { code: string; local: string; name: string }[] = [
  { code: 'ENG', local: 'english', name: 'English Teacher' },
  { code: 'MATH', local: 'maths', name: 'Maths Teacher' },
  { code: 'SCI', local: 'science', name: 'Science Teacher' },
  { code: 'SST', local: 'social', name: 'Social Studies Teacher' },
  { code: 'HIN', local: 'hindi', name: 'Hindi Teacher' },
];

const WEEKDAY = [
  { kind: 'period' as const, start: '08:00', end: '08:40' },
  { kind: 'period' as const, start: '08:40', end: '09:20' },
  { kind: 'period' as const, start: '09:20', end: '10:00' },
  { kind: 'break' as const, label: 'Recess', start: '10:00', end: '10:20' },
  { kind: 'period' as const, start: '10:20', end: '11:00' },
  { kind: 'period' as const, start: '11:00', end: '11:40' },
  { kind: 'break' as const, label: 'Lunch', start: '11:40', end: '12:10' },
  { kind: 'period' as const, start: '12:10', end: '12:50' },
];
const SATURDAY = WEEKDAY.slice(0, 5);

/**
 * The demo's bell schedule (a short Saturday) and a full timetable for every section, through the real
 * services, so the clash rules hold: each section's subject in a period rotates by section, so no teacher
 * or room is in two places at once. teacher@<school>.test teaches Mathematics in Class 5 A, so their
 * dashboard lists today's periods on every working day.
 */
@Injectable()
export class TimetableDemoSeeder {
  constructor(
    private readonly academics: AcademicsService,
    private readonly accounts: UserAccounts,
    private readonly users: UsersService,
    private readonly institution: CurrentInstitution,
    private readonly calendar: SchoolCalendar,
    private readonly bells: BellScheduleService,
    private readonly timetables: TimetableService,
  ) {}

  async seed(): Promise<void> {
    const slug = (await this.institution.find())?.slug;
    if (!slug) return;
    const offDays = (await this.calendar.settings()).weeklyOffDays;
    const weekdays = [0, 1, 2, 3, 4, 5, 6].filter((d) => !offDays.includes(d));
    await this.bells.save({
      days: weekdays.map((weekday) => ({ weekday, slots: weekday === 6 ? SATURDAY : WEEKDAY })),
      maxPeriodsPerDay: 6,
      maxPeriodsPerWeek: 36,
    });
    const classTeacher = await this.users.findByEmail(`teacher@${slug}.test`);
    const subjects = new Map((await this.academics.listSubjects()).map((s) => [s.code, s.id]));
    const teacherOf = new Map<string, string>();
    for (const t of SUBJECT_TEACHERS) {
      const email = `${t.local}@${slug}.test`;
      const user =
        (await this.users.findByEmail(email)) ??
        (await this.accounts.create({
          email,
          displayName: t.name,
          password: DEMO_PASSWORD,
          roleKeys: [DefaultRole.Teacher],
        }));
      teacherOf.set(t.code, user.id);
    }
    const classes = new Map((await this.academics.listClasses()).map((c) => [c.id, c]));
    const sections = (await this.academics.listSections()).sort(
      (a, b) =>
        (classes.get(a.classId)?.ordinal ?? 0) - (classes.get(b.classId)?.ordinal ?? 0) ||
        a.name.localeCompare(b.name),
    );
    const existing = await this.academics.currentAssignments();
    const codes = SUBJECT_TEACHERS.map((t) => t.code);
    for (const [s, section] of sections.entries()) {
      const teacherFor = (code: string): string =>
        existing.find((a) => a.sectionId === section.id && a.subjectId === subjects.get(code))
          ?.teacherUserId ?? teacherOf.get(code)!;
      for (const code of codes) {
        if (!subjects.has(code)) continue;
        if (!existing.some((a) => a.sectionId === section.id && a.subjectId === subjects.get(code)))
          await this.academics.assignSubject({
            sectionId: section.id,
            subjectId: subjects.get(code)!,
            teacherUserId:
              code === 'MATH' && s === 0 && classTeacher ? classTeacher.id : teacherOf.get(code)!,
          });
      }
      const assigned = await this.academics.currentAssignments();
      const cells = weekdays.flatMap((weekday) =>
        (weekday === 6 ? [1, 2, 3, 4] : [1, 2, 3, 4, 5, 6]).map((period) => {
          const code = codes[(period + weekday + s) % codes.length]!;
          return {
            weekday,
            period,
            subjectId: subjects.get(code)!,
            teacherUserId:
              assigned.find((a) => a.sectionId === section.id && a.subjectId === subjects.get(code))
                ?.teacherUserId ?? teacherFor(code),
            room: `${classes.get(section.classId)?.ordinal ?? ''}${section.name}`,
          };
        }),
      );
      await this.timetables.saveSection(section.id, cells);
    }
  }
}
