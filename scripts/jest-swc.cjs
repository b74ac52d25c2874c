// One TypeScript transform and module map for every jest project, so a test behaves the same
// whichever project runs it. Nest needs legacy decorators with emitted metadata for injection.
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');

const swcTransform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', tsx: true, decorators: true, dynamicImport: true },
        transform: {
          legacyDecorator: true,
          decoratorMetadata: true,
          // As the server's tsc build does (tsconfig: useDefineForClassFields false), so tests run the same class semantics.
          useDefineForClassFields: false,
          react: { runtime: 'automatic' },
        },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const sharedModuleMap = {
  '^@vip-club/shared$': path.join(repoRoot, 'shared/src/index.ts'),
};

/** A jest project for TypeScript on Node: the transform and module map above, plus the project's own options. */
function tsProject(options) {
  return {
    testEnvironment: 'node',
    transform: swcTransform,
    moduleNameMapper: sharedModuleMap,
    moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json'],
    ...options,
  };
}

module.exports = { repoRoot, swcTransform, sharedModuleMap, tsProject };
