// Reads jest's JSON report (--json --outputFile) of the peer suite and prints one line for run.sh:
//   PASSED FAILED PENDING TOTAL
// and writes the failing tests, each with the first lines of its error, to the failures file.
// Usage: node summarize.mjs JEST_JSON FAILURES_TXT SDK_DIR
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [reportPath, failuresPath, sdkDir] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, "utf8"));
const stripColors = (text) => text.replace(/\u001b\[[0-9;]*m/g, "");

const lines = [];
for (const file of report.testResults ?? []) {
  const relative = path.relative(sdkDir, file.name);
  const failed = (file.assertionResults ?? []).filter((test) => test.status === "failed");
  for (const test of failed) {
    lines.push(`FAIL ${relative} > ${test.fullName}`);
    const message = stripColors((test.failureMessages ?? []).join("\n"));
    for (const line of message.split("\n").filter((l) => l.trim() !== "").slice(0, 6)) {
      lines.push(`    ${line}`);
    }
  }
  // A file that fails before its tests run (a compile error, a failing beforeAll) has a message and
  // no failed assertions: keep its message so the cause is visible.
  if (failed.length === 0 && file.status === "failed" && file.message) {
    lines.push(`FILE ${relative}`);
    for (const line of stripColors(file.message).split("\n").filter((l) => l.trim() !== "").slice(0, 8)) {
      lines.push(`    ${line}`);
    }
  }
}
writeFileSync(failuresPath, lines.join("\n") + (lines.length ? "\n" : ""));
console.log(
  `${report.numPassedTests ?? 0} ${report.numFailedTests ?? 0} ${report.numPendingTests ?? 0} ${report.numTotalTests ?? 0}`,
);
