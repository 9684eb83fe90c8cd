import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the app under test, without a trailing slash. */
    baseURL: string;
  }
}

export function baseURL(): string {
  return inject('baseURL');
}
