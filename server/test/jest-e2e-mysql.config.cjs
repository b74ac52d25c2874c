const path = require('node:path');
const { tsProject } = require('../../scripts/jest-swc.cjs');

/** Every server e2e test, through HTTP, each file on a fresh database of a private MariaDB. */
/** @type {import('jest').Config} */
module.exports = tsProject({
  displayName: 'server-e2e-mysql',
  rootDir: path.resolve(__dirname, '..'),
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  setupFiles: ['reflect-metadata', '<rootDir>/test/setup/driver-mysql.cjs'],
  globalSetup: '<rootDir>/test/setup/mariadb.global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/mariadb.global-teardown.ts',
  // Booting the app and migrating a fresh database takes seconds on a busy machine.
  testTimeout: 30_000,
});
