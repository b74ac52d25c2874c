const path = require('node:path');
const { swcTransform, sharedModuleMap } = require('../../scripts/jest-swc.cjs');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'server-e2e-mysql',
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  transform: swcTransform,
  moduleNameMapper: sharedModuleMap,
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json'],
  setupFiles: ['reflect-metadata', '<rootDir>/test/setup/driver-mysql.cjs'],
  globalSetup: '<rootDir>/test/setup/mariadb.global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/mariadb.global-teardown.ts',
  // Booting the app and migrating a fresh database takes seconds on a busy machine.
  testTimeout: 30_000,
};
