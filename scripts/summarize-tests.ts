// Prints vitest's JSON report as one closing line: "tests: N passed, N failed, N skipped".
// A test file that failed without any failing test (it did not load, or a hook threw)
// counts as one failure; vitest's numFailedTestSuites would also count describe blocks.
import { readFileSync } from 'node:fs';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: Array<{ status: string; assertionResults: Array<{ status: string }> }>;
}

const file = process.argv[2] ?? '.cache/vitest.json';
const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
const brokenFiles = report.testResults.filter(
  (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
).length;
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests + brokenFiles} failed, ` +
    `${report.numPendingTests + report.numTodoTests} skipped`,
);
