import { rmSync } from 'node:fs';

/** Stops the server the global setup started and removes its temporary database. */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__miniappE2e;
  if (!started) return;
  const { server, state, stateFile } = started;
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5_000)))]);
    // A pending timer would hold jest open for the rest of the grace period after a quick exit.
    clearTimeout(timer);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  rmSync(state.dataDir, { recursive: true, force: true });
  rmSync(stateFile, { force: true });
  globalThis.__miniappE2e = undefined;
}
