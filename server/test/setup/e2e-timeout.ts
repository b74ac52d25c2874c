// Jest ignores `testTimeout` in a project's config (jest-circus reads only the root one), so the e2e
// projects set it here: booting the app and migrating a fresh database takes seconds on a busy machine.
jest.setTimeout(30_000);
