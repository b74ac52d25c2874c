// Runs the server's TypeScript sources (server/src/main.ts) in a plain node process:
// `node scripts/lib/server-from-sources.cjs`. `.ts` files are compiled on require by swc with the options
// jest uses, and `@vip-club/shared` maps to its sources, so what runs is the code as it is, with no build.
// For tests and benchmarks that need the club as a process of its own (a restart, two servers at once).
'use strict';

const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { transformSync } = Module.createRequire(path.join(root, 'server', 'package.json'))('@swc/core');
const shared = path.join(root, 'shared', 'src', 'index.ts');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === '@vip-club/shared' ? shared : request, ...rest);
};
require.extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

require(path.join(root, 'server', 'src', 'main.ts'));
