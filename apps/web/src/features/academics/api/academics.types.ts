/** Local types of the academics API until they move to @shala/contracts. */
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

export interface TeacherOption {
  id: string;
  displayName: string;
  roles: string[];
}
