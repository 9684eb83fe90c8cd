import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../platform/errors/domain-error';
import { AcademicsService } from '../academics/academics.service';
import type { Section } from '../academics/entities/academics.entities';
import { CurrentInstitution } from '../institutions/current-institution';
import { InstitutionProfiles } from '../institutions/institution-profiles.service';
import { StudentDirectory } from '../students/student-directory';
import { AssessmentsRepository, ExamTermsRepository } from './exams.repository';
import { type HallTicketsModel, renderHallTickets } from './hall-tickets.renderer';
import type { PdfFile } from './report-cards.service';
import { fileNameOf } from './report-card-models';
import { ExamScheduleService } from './schedule.service';

const fullNameOf = (s: { firstName: string; lastName: string }) => `${s.firstName} ${s.lastName}`.trim();

/**
 * Hall tickets (admit cards) of an assessment: one student's (parents: their own children; teachers: their
 * sections; others 404) or a whole section's in one PDF, a page per student by roll number (staff, the
 * section in the caller's scope). A section with no sittings of the assessment has no hall ticket (404).
 */
@Injectable()
export class HallTicketsService {
  constructor(
    private readonly schedule: ExamScheduleService,
    private readonly assessments: AssessmentsRepository,
    private readonly terms: ExamTermsRepository,
    private readonly students: StudentDirectory,
    private readonly academics: AcademicsService,
    private readonly institution: CurrentInstitution,
    private readonly profiles: InstitutionProfiles,
  ) {}

  async student(assessmentId: string, studentId: string): Promise<PdfFile> {
    const student = await this.students.visible(studentId);
    const sectionId = await this.students.currentSectionOf(studentId);
    if (!sectionId) throw new NotFoundError('The hall ticket');
    const section = await this.academics.section(sectionId);
    const roster = await this.students.roster(sectionId);
    const model = await this.model(assessmentId, section, [
      {
        fullName: fullNameOf(student),
        admissionNo: student.admissionNo,
        rollNo: roster.find((r) => r.studentId === studentId)?.rollNo ?? null,
      },
    ]);
    return {
      fileName: `${fileNameOf(student.admissionNo, `hall-ticket-${model.assessmentName}`)}.pdf`,
      body: await renderHallTickets(model),
    };
  }

  async section(assessmentId: string, sectionId: string): Promise<PdfFile> {
    const section = await this.academics.section(sectionId);
    const scope = await this.students.scope();
    if (scope.kind === 'students' || (scope.kind === 'sections' && !scope.sectionIds.includes(sectionId)))
      throw new NotFoundError('The section');
    const roster = await this.students.roster(sectionId);
    const model = await this.model(assessmentId, section, roster);
    const className = (await this.academics.class(section.classId)).name;
    return {
      fileName: `${fileNameOf(`${className} ${section.name}`, `hall-tickets-${model.assessmentName}`)}.pdf`,
      body: await renderHallTickets(model),
    };
  }

  private async model(
    assessmentId: string,
    section: Section,
    students: { fullName: string; admissionNo: string; rollNo: number | null }[],
  ): Promise<HallTicketsModel> {
    const assessment = await this.assessments.byId(assessmentId);
    if (!assessment) throw new NotFoundError('The assessment');
    const { rows } = await this.schedule.sectionSittings(assessment, section);
    if (!rows.length || !students.length) throw new NotFoundError('The hall ticket');
    const term = await this.terms.byId(assessment.termId);
    const [school, year, cls, today] = await Promise.all([
      this.profiles.heading(),
      term ? this.academics.year(term.academicYearId) : Promise.resolve(null),
      this.academics.class(section.classId),
      this.institution.today(),
    ]);
    return {
      school,
      assessmentName: assessment.name,
      yearName: year?.name ?? '',
      students: students.map((s) => ({ ...s, className: cls.name, sectionName: section.name })),
      sittings: rows.map((r) => ({
        sitsOn: r.sitsOn,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        subject: r.subject,
        room: r.room,
      })),
      issuedOn: today,
    };
  }
}
