import { z } from 'zod';
import { WEEK_ORDER } from '../week-order';

export const settingsSchema = z.object({
  mode: z.enum(['daily', 'period']),
  periodsPerDay: z
    .number({ message: 'settings.errors.periods' })
    .int('settings.errors.periods')
    .min(1, 'settings.errors.periods')
    .max(20, 'settings.errors.periods'),
  cutoffTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'settings.errors.cutoff'),
  weeklyOffDays: z.array(z.enum(WEEK_ORDER)).max(6, 'settings.errors.allOff'),
  chronicThresholdPercent: z
    .number({ message: 'settings.errors.threshold' })
    .int('settings.errors.threshold')
    .min(1, 'settings.errors.threshold')
    .max(100, 'settings.errors.threshold'),
});
export type SettingsValues = z.infer<typeof settingsSchema>;
