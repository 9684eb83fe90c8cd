import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** apps/web */
export const webRoot = fileURLToPath(new URL('../..', import.meta.url));
/** the monorepo root */
export const repoRoot = join(webRoot, '..', '..');
export const webDist = join(webRoot, 'dist');
export const apiDist = join(repoRoot, 'apps', 'api', 'dist');
/** Screenshots and logs (git-ignored). */
export const resultsDir = join(webRoot, 'test-results');
