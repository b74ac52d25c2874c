const path = require('node:path');
const { swcTransform, sharedModuleMap } = require('../../scripts/jest-swc.cjs');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'server-e2e-sqlite',
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'node',
  // The embedded database gets a smoke run of the main flows, not the whole suite.
  testMatch: ['<rootDir>/test/e2e/**/*.smoke.e2e-spec.ts'],
  transform: swcTransform,
  moduleNameMapper: sharedModuleMap,
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json'],
  setupFiles: ['reflect-metadata', '<rootDir>/test/setup/driver-sqlite.cjs'],
  // Booting the app and migrating a fresh database takes seconds on a busy machine.
  testTimeout: 30_000,
};
