// Prints the one line CI reads, `N passed, N failed` (`, N skipped` when any), summed over every
// project. A test file that cannot run at all (syntax error, failing beforeAll/afterAll) has no
// failed test to count, so it counts as one failure: a broken suite must never read as green.
//
// The line is printed when the process exits, because jest's own reporters buffer their output and
// the global teardown runs after the reporters: printed any earlier, it would not be the last line.
// When JEST_SUMMARY_FILE is set (scripts/test.mjs sets it), the summary is written there instead
// and the caller prints it once jest has exited.
const fs = require('node:fs');

function summarise(results) {
  let brokenSuites = 0;
  for (const suite of results.testResults) {
    if (suite.testExecError || (suite.numFailingTests === 0 && suite.failureMessage)) brokenSuites += 1;
  }
  const passed = results.numPassedTests;
  const failed = results.numFailedTests + brokenSuites;
  const skipped = results.numPendingTests + results.numTodoTests;
  const line = `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
  return { passed, failed, skipped, line };
}

class JestSummaryReporter {
  onRunComplete(_contexts, results) {
    const summary = summarise(results);
    const file = process.env.JEST_SUMMARY_FILE;
    if (file) {
      fs.writeFileSync(file, JSON.stringify(summary));
      return;
    }
    process.once('exit', () => process.stdout.write(`\n${summary.line}\n`));
  }

  getLastError() {
    return undefined;
  }
}

module.exports = JestSummaryReporter;
module.exports.summarise = summarise;
