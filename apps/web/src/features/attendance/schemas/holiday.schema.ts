import { z } from 'zod';

export const holidaySchema = z.object({
  date: z.string().min(1, 'settings.holidays.dateRequired'),
  name: z.string().trim().min(2, 'settings.holidays.nameLength').max(100, 'settings.holidays.nameLength'),
});
export type HolidayValues = z.infer<typeof holidaySchema>;
