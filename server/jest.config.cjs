const { swcTransform, sharedModuleMap } = require('../scripts/jest-swc.cjs');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'server',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: swcTransform,
  moduleNameMapper: sharedModuleMap,
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json'],
  setupFiles: ['reflect-metadata'],
};
