import { Injectable } from '@nestjs/common';
import type { TimetableCell, Weekday } from '@shala/contracts';
import { AcademicsService } from '../academics/academics.service';
import { UsersService } from '../users/users.service';
import type { TimetableEntry } from './entities/timetable.entities';

export interface Names {
  section(id: string): string;
  subject(id: string): string;
  user(id: string): string;
}

/** Section ("Class 5 A"), subject and teacher names for timetable views, read once per call. */
@Injectable()
export class TimetableNames {
  constructor(
    private readonly academics: AcademicsService,
    private readonly users: UsersService,
  ) {}

  async of(userIds: string[]): Promise<Names> {
    const [classes, sections, subjects, users] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSections(),
      this.academics.listSubjects(),
      this.users.findByIds([...new Set(userIds)]),
    ]);
    const className = new Map(classes.map((c) => [c.id, c.name]));
    const sectionName = new Map(
      sections.map((s) => [s.id, `${className.get(s.classId) ?? ''} ${s.name}`.trim()]),
    );
    const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
    const userName = new Map(users.map((u) => [u.id, u.displayName]));
    return {
      section: (id) => sectionName.get(id) ?? '',
      subject: (id) => subjectName.get(id) ?? '',
      user: (id) => userName.get(id) ?? '',
    };
  }

  async cells(entries: TimetableEntry[]): Promise<TimetableCell[]> {
    const names = await this.of(entries.map((e) => e.teacherUserId));
    return entries.map((e) => cellView(e, names));
  }
}

export const cellView = (e: TimetableEntry, names: Names): TimetableCell => ({
  id: e.id,
  sectionId: e.sectionId,
  sectionName: names.section(e.sectionId),
  weekday: e.weekday as Weekday,
  period: e.period,
  subjectId: e.subjectId,
  subjectName: names.subject(e.subjectId),
  teacherUserId: e.teacherUserId,
  teacherName: names.user(e.teacherUserId),
  room: e.room,
});
