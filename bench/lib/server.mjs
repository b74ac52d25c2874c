// The built club server (server/dist/main.js) as a separate process on loopback, as in production.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT, sleep } from './util.mjs';

export const MAIN = join(ROOT, 'server', 'dist', 'main.js');
export const MANAGER = { username: 'bench-manager', password: 'Bench-Manager-Passw0rd' };

/**
 * Starts the server on `dbUrl` (migrating an empty database first, creating the bench manager) and
 * waits for /health. Returns `{baseUrl, stop()}`.
 */
export async function startServer(
  dbUrl,
  {
    jwtSecret = randomBytes(32).toString('hex'),
    env = {},
    // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the server's time goes.
    nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    // Another build of the server (e.g. of an older commit) to compare against, on the same seeded club.
    main = process.env.BENCH_SERVER_MAIN ?? MAIN,
  } = {},
) {
  if (!existsSync(main)) {
    throw new Error(`${main} is missing: build the server first (pnpm --filter @vip-club/server build)`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'vip-club-bench-server-'));
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: join(ROOT, 'server'),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      CLUB_DATA_DIR: dataDir,
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'warn',
      BOOTSTRAP_MANAGER_USERNAME: MANAGER.username,
      BOOTSTRAP_MANAGER_PASSWORD: MANAGER.password,
      // The bench logs in hundreds of members from one address.
      AUTH_RATE_LIMIT: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the server exited on start (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /health within 180 s:\n${output}`);
    }
    await sleep(250);
  }
  return { baseUrl, pid: child.pid, stop, output: () => output };
}

/** JSON over HTTP to the server; throws with the body on an unexpected status. */
export async function api(baseUrl, method, path, { token, body, headers = {}, expect = [200, 201] } = {}) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!expect.includes(res.status))
    throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
  return { status: res.status, body: json };
}

export async function loginManager(baseUrl) {
  return (await api(baseUrl, 'POST', '/auth/staff', { body: MANAGER, expect: [200] })).body.accessToken;
}
