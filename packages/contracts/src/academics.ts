/** Request and response bodies of academics (/api/v1/academics): years, classes, sections, subjects. */

export interface AcademicYear {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  current: boolean;
}

export interface SectionDto {
  id: string;
  name: string;
  classTeacherUserId: string | null;
}

/** A section as created or changed: with its class. */
export interface SectionView extends SectionDto {
  classId: string;
}

export interface ClassDto {
  id: string;
  name: string;
  ordinal: number;
  sections: SectionDto[];
}

export interface SubjectDto {
  id: string;
  code: string;
  name: string;
}

export interface SubjectAssignment {
  id: string;
  sectionId: string;
  subjectId: string;
  teacherUserId: string;
  academicYearId: string;
}
