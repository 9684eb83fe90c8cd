import { z } from 'zod';
import { CIRCULAR_AUDIENCES, CIRCULAR_BODY_MAX, CIRCULAR_TITLE_MAX } from '@shala/contracts';

export const circularSchema = z
  .object({
    title: z.string().trim().min(1, 'validation.title').max(CIRCULAR_TITLE_MAX),
    body: z.string().trim().min(1, 'validation.body').max(CIRCULAR_BODY_MAX),
    audience: z.enum(CIRCULAR_AUDIENCES),
    classIds: z.array(z.string()),
    sectionIds: z.array(z.string()),
    requiresAck: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.audience === 'classes' && v.classIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['classIds'], message: 'validation.classes' });
    if (v.audience === 'sections' && v.sectionIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['sectionIds'], message: 'validation.sections' });
  });
export type CircularValues = z.infer<typeof circularSchema>;
