// One jest run for the whole workspace (`npm test`); each package keeps its own project config.
const fs = require('node:fs');
const path = require('node:path');

const projects = [
  'shared/jest.config.cjs',
  'server/jest.config.cjs',
  'server/test/jest-e2e-mysql.config.cjs',
  'server/test/jest-e2e-sqlite.config.cjs',
  // The browser tests belong to the mini-program; they join the run once they exist.
  'miniapp/e2e/jest.config.cjs',
]
  .map((p) => path.join(__dirname, p))
  .filter((p) => fs.existsSync(p))
  .map(withOwnTimeout);

/** A project config whose `testTimeout` takes effect (jest applies only the root's; jestjs/jest#9759). */
function withOwnTimeout(file) {
  const config = require(file);
  if (!config.testTimeout) return file;
  return {
    ...config,
    globals: { ...config.globals, __projectTestTimeout: config.testTimeout },
    setupFilesAfterEnv: [path.join(__dirname, 'scripts/jest-project-timeout.cjs'), ...(config.setupFilesAfterEnv ?? [])],
  };
}

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  projects,
  // The e2e projects boot a whole app per test file; two at a time is what 2 cores carry.
  maxWorkers: 2,
  // The summary reporter goes last: CI reads the line it prints.
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
