export * from './types';
export { validateBands, validateWeights, FULL_CENTI } from './validate';
export { bandFor, gradeFor, gradePointAverage } from './grading';
export { combineComponents, studentTermResult, subjectTermResult } from './term-result';
export { studentYearResult } from './year-result';
export { rankCompetition } from './ranking';
