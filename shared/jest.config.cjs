const { swcTransform, sharedModuleMap } = require('../scripts/jest-swc.cjs');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'shared',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.{spec,test}.ts'],
  transform: swcTransform,
  moduleNameMapper: sharedModuleMap,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json'],
};
