/** Monday first, as school timetables are written; the API numbers Sunday 0. */
export const WEEK_ORDER = ['1', '2', '3', '4', '5', '6', '0'] as const;
export type Weekday = (typeof WEEK_ORDER)[number];
