import { z } from 'zod';

const optional = (max: number, pattern?: RegExp, message?: string) =>
  z
    .string()
    .trim()
    .max(max, 'errors.tooLong')
    .refine((v) => v === '' || !pattern || pattern.test(v), message ?? 'errors.tooLong');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The same rules as the API's (InstitutionProfiles), so most mistakes show before a round trip. */
export const profileSchema = z.object({
  name: z.string().trim().min(2, 'errors.name').max(200, 'errors.name'),
  timeZone: z.string().trim().refine(isTimeZone, 'errors.timeZone'),
  addressLine1: optional(200),
  addressLine2: optional(200),
  city: optional(100),
  state: optional(100),
  postalCode: optional(12, /^[A-Za-z0-9][A-Za-z0-9 -]{2,10}$/, 'errors.postalCode'),
  phone: optional(32, /^\+?[0-9][0-9 ()-]{5,30}$/, 'errors.phone'),
  email: optional(254, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'errors.email'),
  website: optional(200, /^https?:\/\/[^\s/$.?#][^\s]*$/i, 'errors.website'),
});
export type ProfileValues = z.infer<typeof profileSchema>;
