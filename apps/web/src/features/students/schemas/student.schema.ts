import { z } from 'zod';
import { GENDERS, RELATIONSHIPS, STUDENT_STATUSES } from '@shala/contracts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Messages are keys of the students text (features/students/i18n.ts). */
const required = z.string().trim().min(1, 'form.required');
const optionalText = z.string().trim().max(2000).optional().or(z.literal(''));

export const guardianSchema = z.object({
  fullName: required,
  relationship: z.enum(RELATIONSHIPS),
  phone: z.string().trim().max(32).optional().or(z.literal('')),
  email: z.string().trim().email('form.emailFormat').optional().or(z.literal('')),
  isPrimary: z.boolean().optional(),
});
export type GuardianValues = z.infer<typeof guardianSchema>;

export const studentSchema = z.object({
  admissionNo: required,
  firstName: required,
  lastName: required,
  dateOfBirth: z.string().regex(DATE, 'form.dateFormat'),
  gender: z.enum(GENDERS),
  admissionDate: z.string().regex(DATE, 'form.dateFormat'),
  status: z.enum(STUDENT_STATUSES),
  sectionId: z.string().optional().or(z.literal('')),
  rollNo: z.string().regex(/^\d*$/, 'form.rollNoFormat').optional(),
  nationalId: optionalText,
  medicalNotes: optionalText,
  address: optionalText,
  guardians: z.array(guardianSchema),
});
export type StudentValues = z.infer<typeof studentSchema>;
