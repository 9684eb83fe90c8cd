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

/**
 * A CSV of students for the classes above: `perSection` students in each section, each with a guardian
 * (a unique phone), except that the first students of sections A and B of the first class are siblings
 * whose guardian is the demo parent.
 */
export function demoStudentsCsv(
  prefix: string,
  institutionIndex: number,
  classes: { name: string }[],
  sections: string[],
  perSection: number,
): string {
  const lines = [HEADER];
  let n = 0;
  for (const [ci, cls] of classes.entries()) {
    for (const [si, section] of sections.entries()) {
      for (let r = 1; r <= perSection; r++) {
        n++;
        const first = FIRST[(n * 7 + si) % FIRST.length]!;
        const last = LAST[(n * 3 + ci) % LAST.length]!;
        const year = 2015 - ci;
        const dob = `${year}-${pad(((n * 5) % 12) + 1, 2)}-${pad(((n * 11) % 28) + 1, 2)}`;
        const gender = n % 2 ? 'female' : 'male';
        const siblings = ci === 0 && r === 1 && si < 2;
        const phone = siblings
          ? demoParentPhone(institutionIndex)
          : `+919${pad(institutionIndex, 2)}${pad(n, 7)}`;
        const parentName = siblings ? 'Parent Demo' : `${PARENT_FIRST[n % PARENT_FIRST.length]!} ${last}`;
        const email = siblings
          ? `parent.demo${institutionIndex}@example.com`
          : `guardian${n}.${prefix.toLowerCase()}@example.com`;
        const nationalId = `${pad(4000 + institutionIndex, 4)} ${pad(n, 4)} ${pad((n * 37) % 10000, 4)}`;
        const medical = n % 9 === 0 ? 'Asthma: inhaler in school bag' : '';
        lines.push(
          [
            admissionNo(prefix, n),
            first,
            last,
            dob,
            gender,
            '2026-04-01',
            cls.name,
            section,
            r,
            nationalId,
            medical,
            `${n} Demo Street, Bengaluru`,
            parentName,
            n % 3 ? 'mother' : 'father',
            phone,
            email,
          ]
            .map(cell)
            .join(','),
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
