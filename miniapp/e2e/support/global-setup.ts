import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { httpJson } from './http';
import { h5Dir, miniappDir, repoRoot, serverDir } from './paths';

export interface E2eState {
  baseUrl: string;
  dataDir: string;
  pid: number;
}

declare global {
  // Shared between global setup and teardown, which jest runs in the same process.
  var __miniappE2e: { server: ChildProcess; state: E2eState; stateFile: string } | undefined;
}

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const started = Date.now();
  process.stdout.write(
    `\n[miniapp-e2e] ${command} ${args.join(' ')} (in ${path.relative(repoRoot, cwd) || '.'})\n`,
  );
  const res = spawnSync(command, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${res.status}):\n${(res.stdout + res.stderr).slice(-4000)}`,
    );
  }
  process.stdout.write(`[miniapp-e2e] done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break;
    try {
      const res = await httpJson(`${baseUrl}/api/v1/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  server.kill('SIGTERM');
  throw new Error(`the server did not become healthy:\n${readFileSync(logFile, 'utf8').slice(-4000)}`);
}

/** Builds what is missing or stale (the H5 app, the server), then starts the real server serving the H5 build. */
export default async function globalSetup(): Promise<void> {
  const indexHtml = path.join(h5Dir, 'index.html');
  const sourcesChangedAt = Math.max(
    newestMtime(path.join(miniappDir, 'src')),
    newestMtime(path.join(repoRoot, 'shared/src')),
  );
  if (!existsSync(indexHtml) || statSync(indexHtml).mtimeMs < sourcesChangedAt) {
    // jest sets NODE_ENV=test, which would make Taro emit a development build (react-refresh hooks
    // without their runtime): the app under test is the production build people get.
    run('pnpm', ['--filter', '@vip-club/miniapp', 'build:h5'], repoRoot, {
      ...process.env,
      NODE_ENV: 'production',
    });
  }
  const serverMain = path.join(serverDir, 'dist/main.js');
  const serverChangedAt = Math.max(
    newestMtime(path.join(serverDir, 'src')),
    newestMtime(path.join(repoRoot, 'shared/src')),
  );
  if (!existsSync(serverMain)) {
    run('pnpm', ['--filter', '@vip-club/server', 'build'], repoRoot);
  } else if (statSync(serverMain).mtimeMs < serverChangedAt) {
    try {
      run('pnpm', ['--filter', '@vip-club/server', 'build'], repoRoot);
    } catch (err) {
      // In a shared checkout the server may be mid-edit; its own build and tests report that. The
      // browser tests then use the last server that built, and say so.
      process.stdout.write(
        `[miniapp-e2e] WARNING: using the previous server build: ${(err as Error).message.slice(0, 600)}\n`,
      );
    }
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'vip-club-miniapp-e2e-'));
  // The server gets its own copy of the H5 build, so a rebuild of dist/h5 while the tests run (by a
  // watcher, or another run in the same checkout) cannot pull the pages out from under them.
  const webDir = path.join(dataDir, 'web');
  cpSync(h5Dir, webDir, { recursive: true });
  const logFile = path.join(dataDir, 'server.log');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    CLUB_DATA_DIR: dataDir,
    CLUB_WEB_DIR: webDir,
    SEED_DEMO: 'true',
    // What a member's phone shows depends on the outbox delivering and the publish fan-out inviting,
    // as they do in production; nothing here drives them by hand as the server's own tests do.
    CLUB_BACKGROUND_WORK: 'on',
  };
  // The embedded database: a DATABASE_URL left in the environment must not point the run elsewhere.
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, [serverMain], { cwd: serverDir, env, stdio: ['ignore', log, log] });
  await waitForHealth(baseUrl, server, logFile);

  const state: E2eState = { baseUrl, dataDir, pid: server.pid ?? 0 };
  const stateFile = path.join(tmpdir(), `vip-club-miniapp-e2e-${process.pid}.json`);
  writeFileSync(stateFile, JSON.stringify(state));
  // Test files run in worker processes: they find the server through this variable.
  process.env.MINIAPP_E2E_STATE = stateFile;
  globalThis.__miniappE2e = { server, state, stateFile };
}
