const path = require('node:path');
const { swcTransform, sharedModuleMap } = require('../../scripts/jest-swc.cjs');

/** Browser tests of the H5 build against the real server (embedded SQLite), in Debian's Chromium. */
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'miniapp-e2e',
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
  transform: swcTransform,
  moduleNameMapper: sharedModuleMap,
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json'],
  globalSetup: '<rootDir>/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/support/global-teardown.ts',
  // A cold H5 build happens in the global setup; a test itself is a person tapping through screens.
  testTimeout: 90_000,
};
