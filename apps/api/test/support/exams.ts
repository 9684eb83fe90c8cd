/** CBSE's eight bands with 0.01 % granularity: each band ends 0.01 below the next one's lower bound. */
export const CBSE_BANDS = [
  { grade: 'A1', minPercent: 91, maxPercent: 100, gradePoint: 10 },
  { grade: 'A2', minPercent: 81, maxPercent: 90.99, gradePoint: 9 },
  { grade: 'B1', minPercent: 71, maxPercent: 80.99, gradePoint: 8 },
  { grade: 'B2', minPercent: 61, maxPercent: 70.99, gradePoint: 7 },
  { grade: 'C1', minPercent: 51, maxPercent: 60.99, gradePoint: 6 },
  { grade: 'C2', minPercent: 41, maxPercent: 50.99, gradePoint: 5 },
  { grade: 'D', minPercent: 33, maxPercent: 40.99, gradePoint: 4 },
  { grade: 'E', minPercent: 0, maxPercent: 32.99, gradePoint: null },
];
