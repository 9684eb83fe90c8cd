/** Deterministic demo names and numbers: the same seed gives the same school every time. */
const FIRST = [
  'Aarav',
  'Diya',
  'Vihaan',
  'Ananya',
  'Arjun',
  'Ishita',
  'Kabir',
  'Meera',
  'Reyansh',
  'Saanvi',
  'Vivaan',
  'Aadhya',
  'Aditya',
  'Kiara',
  'Rohan',
  'Myra',
  'Ayaan',
  'Tara',
  'Dhruv',
  'Navya',
  'Karthik',
  'Riya',
  'Farhan',
  'Zoya',
  'Nikhil',
];
const LAST = [
  'Sharma',
  'Verma',
  'Iyer',
  'Nair',
  'Reddy',
  'Khan',
  'Das',
  'Patel',
  'Menon',
  'Gupta',
  'Singh',
  'Rao',
  'Bose',
  'Joshi',
  'Kulkarni',
];
const PARENT_FIRST = [
  'Sunita',
  'Rajesh',
  'Priya',
  'Amit',
  'Kavita',
  'Suresh',
  'Neha',
  'Vikram',
  'Pooja',
  'Manoj',
];

export const DEMO_YEAR = { name: '2026-27', startsOn: '2026-04-01', endsOn: '2027-03-31' };
export const DEMO_CLASSES = [
  { name: 'Class 5', ordinal: 5 },
  { name: 'Class 6', ordinal: 6 },
];
export const DEMO_SECTIONS = ['A', 'B'];
export const DEMO_SUBJECTS = [
  { code: 'ENG', name: 'English' },
  { code: 'MATH', name: 'Mathematics' },
  { code: 'SCI', name: 'Science' },
  { code: 'SST', name: 'Social Studies' },
  { code: 'HIN', name: 'Hindi' },
];

const HEADER =
  'admission_no,first_name,last_name,date_of_birth,gender,admission_date,class,section,roll_no,national_id,medical_notes,address,guardian_name,guardian_relationship,guardian_phone,guardian_email';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const cell = (v: string | number) =>
  /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);

/** The demo parent's phone, shared by their two children (siblings). */
export function demoParentPhone(institutionIndex: number): string {
  return `+9197${pad(institutionIndex, 2)}000001`;
}

export function admissionNo(prefix: string, n: number): string {
  return `${prefix}-${pad(n, 4)}`;
}

/** One student of the demo data and their guardian, as the CSV import reads them. */
export interface DemoStudentRow {
  admissionNo: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: 'female' | 'male';
  admissionDate: string;
  class: string;
  section: string;
  rollNo: number;
  nationalId: string;
  medicalNotes: string;
  address: string;
  guardianName: string;
  guardianRelationship: 'mother' | 'father';
  guardianPhone: string;
  guardianEmail: string;
}

/**
 * The students of the classes above: `perSection` in each section (at most `limit` in all), each with a
 * guardian (a unique phone), except that the first students of sections A and B of the first class are
 * siblings whose guardian is the demo parent. The CSV below and the bulk scale seed both read these.
 */
export function demoStudentRows(
  prefix: string,
  institutionIndex: number,
  classes: { name: string }[],
  sections: string[],
  perSection: number,
  limit = Infinity,
): DemoStudentRow[] {
  const rows: DemoStudentRow[] = [];
  let n = 0;
  for (const [ci, cls] of classes.entries()) {
    for (const [si, section] of sections.entries()) {
      for (let r = 1; r <= perSection; r++) {
        if (n >= limit) return rows;
        n++;
        const first = FIRST[(n * 7 + si) % FIRST.length]!;
        const last = LAST[(n * 3 + ci) % LAST.length]!;
        const year = 2015 - ci;
        const siblings = ci === 0 && r === 1 && si < 2;
        rows.push({
          admissionNo: admissionNo(prefix, n),
          firstName: first,
          lastName: last,
          dateOfBirth: `${year}-${pad(((n * 5) % 12) + 1, 2)}-${pad(((n * 11) % 28) + 1, 2)}`,
          gender: n % 2 ? 'female' : 'male',
          admissionDate: '2026-04-01',
          class: cls.name,
          section,
          rollNo: r,
          nationalId: `${pad(4000 + institutionIndex, 4)} ${pad(n, 4)} ${pad((n * 37) % 10000, 4)}`,
          medicalNotes: n % 9 === 0 ? 'Asthma: inhaler in school bag' : '',
          address: `${n} Demo Street, Bengaluru`,
          guardianName: siblings ? 'Parent Demo' : `${PARENT_FIRST[n % PARENT_FIRST.length]!} ${last}`,
          guardianRelationship: n % 3 ? 'mother' : 'father',
          guardianPhone: siblings
            ? demoParentPhone(institutionIndex)
            : `+919${pad(institutionIndex, 2)}${pad(n, 7)}`,
          guardianEmail: siblings
            ? `parent.demo${institutionIndex}@example.com`
            : `guardian${n}.${prefix.toLowerCase()}@example.com`,
        });
      }
    }
  }
  return rows;
}

/** The rows above as the CSV the student import reads. */
export function demoStudentsCsv(
  prefix: string,
  institutionIndex: number,
  classes: { name: string }[],
  sections: string[],
  perSection: number,
): string {
  const lines = [HEADER];
  for (const s of demoStudentRows(prefix, institutionIndex, classes, sections, perSection)) {
    lines.push(
      [
        s.admissionNo,
        s.firstName,
        s.lastName,
        s.dateOfBirth,
        s.gender,
        s.admissionDate,
        s.class,
        s.section,
        s.rollNo,
        s.nationalId,
        s.medicalNotes,
        s.address,
        s.guardianName,
        s.guardianRelationship,
        s.guardianPhone,
        s.guardianEmail,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
