import type { TestProject } from 'vitest/node';
import { startApp } from './support/app-server';
import './support/context';

/**
 * Runs once before the end-to-end tests: either uses the app at E2E_BASE_URL, or starts the real one
 * (built API + built SPA, fresh SQLite database, demo data) and stops it afterwards.
 */
export default async function setup(project: TestProject) {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseURL', external.replace(/\/+$/, ''));
    return undefined;
  }
  const app = await startApp();
  project.provide('baseURL', app.baseURL);
  return async () => {
    await app.stop();
  };
}
