const { tsProject } = require('../scripts/jest-swc.cjs');

/** @type {import('jest').Config} */
module.exports = tsProject({
  displayName: 'shared',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.{spec,test}.ts'],
});
