import { z } from 'zod';

/** The receipt footer, at most `max` characters. */
export const footerSchema = (max: number) =>
  z.object({ receiptFooter: z.string().trim().max(max, 'errors.tooLong') });
export type FooterValues = z.infer<ReturnType<typeof footerSchema>>;
