const path = require('node:path');
const { tsProject } = require('../../scripts/jest-swc.cjs');

/** The embedded database gets a smoke run of the main flows (`*.smoke.e2e-spec.ts`), not the whole suite. */
/** @type {import('jest').Config} */
module.exports = tsProject({
  displayName: 'server-e2e-sqlite',
  rootDir: path.resolve(__dirname, '..'),
  testMatch: ['<rootDir>/test/e2e/**/*.smoke.e2e-spec.ts'],
  setupFiles: ['reflect-metadata', '<rootDir>/test/setup/driver-sqlite.cjs'],
  testTimeout: 30_000,
});
