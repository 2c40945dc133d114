import type { Reporter, TestModule } from 'vitest/node';

/** SummaryReporter ends the run with one plain line, `Tests: N passed, N failed, N skipped`, that CI reads. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const mod of testModules) {
      // A file that fails to load has no tests to count, but the run has failed: count the file.
      const failedTests = [...mod.children.allTests('failed')].length;
      if (failedTests === 0 && (mod.errors().length > 0 || mod.state() === 'failed')) counts.failed++;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    process.stdout.write(
      `\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
    );
  }
}
