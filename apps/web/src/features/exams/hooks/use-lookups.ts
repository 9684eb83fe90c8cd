import { useClasses, useSubjects } from '../../academics/hooks/use-academics';

export interface SectionOption {
  id: string;
  classId: string;
  className: string;
  /** "Class 5 A" */
  label: string;
}

/** The school's classes, sections and subjects as names for the exam screens (academics.read). */
export function useExamLookups() {
  const classes = useClasses();
  const subjects = useSubjects();
  const sections: SectionOption[] = (classes.data ?? [])
    .slice()
    .sort((a, b) => a.ordinal - b.ordinal)
    .flatMap((c) =>
      c.sections.map((s) => ({ id: s.id, classId: c.id, className: c.name, label: `${c.name} ${s.name}` })),
    );
  const subjectName = new Map((subjects.data ?? []).map((s) => [s.id, s.name] as const));
  return {
    isPending: classes.isPending || subjects.isPending,
    error: classes.error ?? subjects.error,
    classes: (classes.data ?? []).slice().sort((a, b) => a.ordinal - b.ordinal),
    sections,
    sectionById: new Map(sections.map((s) => [s.id, s] as const)),
    subjects: subjects.data ?? [],
    subjectName: (id: string) => subjectName.get(id) ?? id,
  };
}
