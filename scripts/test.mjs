// `npm test`: one jest run over every project of the workspace (see jest.config.cjs). Arguments
// pass through to jest (`npm test -- server/test/e2e/members`). The last line printed is always
// `N passed, N failed`, which CI reads.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensure, repoRoot } from './ensure.mjs';

try {
  ensure({ forTests: true });
} catch (err) {
  console.error(`[vip-club] ${err.message}`);
  process.exit(1);
}

const jestBin = createRequire(join(repoRoot, 'package.json')).resolve('jest/bin/jest');
const summaryDir = mkdtempSync(join(tmpdir(), 'vip-club-jest-'));
const summaryFile = join(summaryDir, 'summary.json');

const child = spawn(process.execPath, [jestBin, '--config', join(repoRoot, 'jest.config.cjs'), ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, JEST_SUMMARY_FILE: summaryFile },
});

// Ctrl-C reaches jest through the terminal; a TERM sent to this process is passed on so that jest's
// global teardown still stops the private MariaDB.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));

child.on('exit', (code, signal) => {
  const exitCode = code ?? 1;
  let line;
  if (existsSync(summaryFile)) {
    line = JSON.parse(readFileSync(summaryFile, 'utf8')).line;
  } else if (exitCode !== 0) {
    // jest stopped before any result (a failing global setup, a bad option): that is a failure too.
    console.log(`[vip-club] jest ended without a test run (${signal ?? `exit ${code}`})`);
    line = '0 passed, 1 failed';
  }
  rmSync(summaryDir, { recursive: true, force: true });
  if (line) console.log(line);
  process.exit(exitCode);
});
