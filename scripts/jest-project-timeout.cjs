// Applies a project's own `testTimeout`, which jest ignores inside `projects` (jestjs/jest#9759:
// jest-circus reads only the root config's). jest.config.cjs passes it in through `globals`.
const timeout = globalThis.__projectTestTimeout;
if (typeof timeout === 'number' && timeout > 0) jest.setTimeout(timeout);
