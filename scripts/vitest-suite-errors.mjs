import { writeFileSync } from 'node:fs';

/**
 * A vitest reporter that writes, per test file, the errors raised outside any test: a failed beforeAll or
 * afterAll, or an import that threw. vitest's JSON report leaves those out (the file is "failed" with an empty
 * message), so without this the CI summary could not say why a file failed. Output: SUITE_ERRORS_FILE.
 */
export default class SuiteErrorsReporter {
  onTestRunEnd(testModules) {
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
    writeFileSync(file, JSON.stringify(out));
  }
}
