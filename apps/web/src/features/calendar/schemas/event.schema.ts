import { z } from 'zod';
import { CALENDAR_EVENT_TYPES } from '@shala/contracts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const eventSchema = z
  .object({
    type: z.enum(CALENDAR_EVENT_TYPES),
    title: z.string().trim().min(2, 'form.titleShort').max(120),
    description: z.string().max(2000),
    startsOn: z.string().regex(DATE, 'form.dateFormat'),
    endsOn: z.string().regex(DATE, 'form.dateFormat'),
    allDay: z.boolean(),
    startTime: z.string(),
    endTime: z.string(),
    audience: z.enum(['school', 'classes']),
    /** `class:<id>` or `section:<classId>:<sectionId>`. */
    targets: z.array(z.string()),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'form.endBeforeStart' });
    if (!v.allDay) {
      if (!TIME.test(v.startTime))
        ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'form.timeFormat' });
      if (!TIME.test(v.endTime))
        ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'form.timeFormat' });
      else if (v.startsOn === v.endsOn && v.endTime <= v.startTime)
        ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'form.endTimeBeforeStart' });
    }
    if (v.audience === 'classes' && !v.targets.length)
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'form.targetsRequired' });
  });
export type EventValues = z.infer<typeof eventSchema>;
