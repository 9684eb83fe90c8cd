export * from './permissions';
export * from './roles';
export * from './institutions';
export * from './api';
export * from './demo';
