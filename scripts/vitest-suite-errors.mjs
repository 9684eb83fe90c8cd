import { writeFileSync } from 'node:fs';

/**
 * A vitest reporter that writes, per test file, the errors raised outside any test: a failed beforeAll or
 * afterAll, or an import that threw. vitest's JSON report leaves those out (the file is "failed" with an empty
 * message), so without this the CI summary could not say why a file failed. Errors no test or hook caught
 * (unhandled rejections, which fail the run with every test passed) are written under "(unhandled)".
 * Output: SUITE_ERRORS_FILE.
 */
export default class SuiteErrorsReporter {
  onTestRunEnd(testModules, unhandledErrors = []) {
    const file = process.env.SUITE_ERRORS_FILE;
    if (!file) return;
    const out = {};
    const visit = (moduleId, entity) => {
      for (const error of entity.errors?.() ?? []) {
        (out[moduleId] ??= []).push(`${error.name ?? 'Error'}: ${error.message ?? String(error)}`);
      }
      if (entity.children) for (const child of entity.children.suites()) visit(moduleId, child);
    };
    for (const m of testModules) visit(m.moduleId, m);
    for (const error of unhandledErrors) {
      (out['(unhandled)'] ??= []).push(`${error.name ?? 'Error'}: ${error.message ?? String(error)}`);
    }
    writeFileSync(file, JSON.stringify(out));
  }
}
