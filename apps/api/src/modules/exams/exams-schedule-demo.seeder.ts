import { Injectable } from '@nestjs/common';
import { DefaultRole } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { addDays, weekdayOf } from '../../platform/time/local-time';
import { AccessService } from '../access/access.service';
import { AcademicsService } from '../academics/academics.service';
import { SchoolCalendar } from '../attendance/school-calendar';
import { UsersService } from '../users/users.service';
import type { ExamSitting } from './entities/schedule.entities';
import { AssessmentsRepository, ExamTermsRepository, PapersRepository } from './exams.repository';
import { ExamSittingsRepository } from './schedule-sittings.repository';

/** The demo's scheduled exams: the assessment, its term, the first day it may start, and its hours. */
const PLAN = [
  { term: 'Term 1', code: 'PT1', from: '2026-07-13', startsAt: '09:30', endsAt: '10:30' },
  { term: 'Term 1', code: 'HY', from: '2026-09-14', startsAt: '09:30', endsAt: '12:30' },
  { term: 'Term 2', code: 'PT2', from: '2026-11-09', startsAt: '09:30', endsAt: '10:30' },
  { term: 'Term 2', code: 'AN', from: '2027-03-01', startsAt: '09:30', endsAt: '12:30' },
] as const;

/**
 * The demo exam schedule (run inside a school's tenant, after the demo structure): every assessment of both
 * terms (periodic tests for an hour, the Half-Yearly and Annual for three), one subject a day on working days
 * of the school calendar (no holiday, no weekly off, no Sunday), from 09:30, every section in its own room with one of the school's active
 * teachers invigilating (a different one per section; sections beyond the teachers go without). No two
 * sittings clash: a day has one subject, and each teacher one room at a time.
 */
@Injectable()
export class ExamsScheduleDemoSeeder {
  constructor(
    private readonly academics: AcademicsService,
    private readonly calendar: SchoolCalendar,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly terms: ExamTermsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly sittings: ExamSittingsRepository,
  ) {}

  async seed(): Promise<number> {
    const year = await this.academics.currentYear();
    const [terms, subjects, sections, classes] = await Promise.all([
      this.terms.ofYear(year.id),
      this.academics.listSubjects(),
      this.academics.listSections(),
      this.academics.listClasses(),
    ]);
    const teacherIds = await this.access.holdersOf(DefaultRole.Teacher);
    const teachers = (teacherIds.length ? await this.users.findByIds(teacherIds) : [])
      .filter((u) => u.status === 'active')
      .map((u) => u.id)
      .sort();
    const classOrder = new Map(classes.map((c) => [c.id, c.ordinal]));
    const orderedSections = [...sections].sort(
      (a, b) =>
        (classOrder.get(a.classId) ?? 0) - (classOrder.get(b.classId) ?? 0) || a.name.localeCompare(b.name),
    );
    const rows: Omit<ExamSitting, 'tenantId'>[] = [];
    for (const plan of PLAN) {
      const term = terms.find((t) => t.name === plan.term);
      if (!term) continue;
      const assessment = (await this.assessments.ofTerms([term.id])).find((a) => a.code === plan.code);
      if (!assessment) continue;
      const papers = await this.papers.ofAssessments([assessment.id]);
      const days = await this.examDays(plan.from, term.endsOn, subjects.length);
      subjects.forEach((subject, d) => {
        const day = days[d];
        if (!day) return;
        orderedSections.forEach((section, k) => {
          const paper = papers.find((p) => p.classId === section.classId && p.subjectId === subject.id);
          if (!paper) return;
          const className = classes.find((c) => c.id === section.classId)?.name ?? '';
          rows.push({
            id: uuidv7(),
            paperId: paper.id,
            sectionId: section.id,
            sitsOn: day,
            startsAt: plan.startsAt,
            endsAt: plan.endsAt,
            room: `Room ${className.replace(/\D+/g, '')}${section.name}`,
            // Rotate the teachers over the sections day by day; one teacher per section at a time.
            invigilatorUserId: k < teachers.length ? teachers[(k + d) % teachers.length]! : null,
          });
        });
      });
    }
    await this.sittings.addMany(rows);
    return rows.length;
  }

  /** The first `count` working days from `from` up to `to`, skipping Sundays and the calendar's days off. */
  private async examDays(from: string, to: string, count: number): Promise<string[]> {
    const days: string[] = [];
    for (let d = from; d <= to && days.length < count; d = addDays(d, 1)) {
      if (weekdayOf(d) === 0) continue;
      if (await this.calendar.nonWorkingReason(d)) continue;
      days.push(d);
    }
    return days;
  }
}
