// Prints vitest's JSON report as one closing line: "tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.cache/vitest.json';
const report = JSON.parse(readFileSync(file, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
};
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests + report.numFailedTestSuites} failed, ` +
    `${report.numPendingTests + report.numTodoTests} skipped`,
);
