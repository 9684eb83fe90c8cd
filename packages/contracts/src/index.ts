export * from './permissions';
export * from './roles';
export * from './institutions';
export * from './api';
export * from './demo';
export * from './auth';
export * from './access';
export * from './audit';
