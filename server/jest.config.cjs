const { tsProject } = require('../scripts/jest-swc.cjs');

/** @type {import('jest').Config} */
module.exports = tsProject({
  displayName: 'server',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  setupFiles: ['reflect-metadata'],
});
