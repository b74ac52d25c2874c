// A private MariaDB server: its own data directory under the system temp dir, its own free port on
// loopback, a user allowed everything, gone again on stop(). One launcher for the server's e2e tests
// (throwaway, fast: nothing is flushed) and the benchmarks (durable, as production runs, so the figures
// mean something). Plain CommonJS so that both the TypeScript test harness and the ESM bench scripts
// import it without a build step.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

function findBinary(name) {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];
  for (const dir of dirs) if (dir && existsSync(join(dir, name))) return join(dir, name);
  throw new Error(
    `${name} not found: install MariaDB with \`apt-get install -y mariadb-server\`, or point the ` +
      'tests (TEST_MYSQL_URL) or the benchmarks (BENCH_MYSQL_URL) at a MySQL/MariaDB server ' +
      '(mysql://user:pass@host:port, a user allowed to create and drop databases).',
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function errorLogTail(dataDir) {
  const file = join(dataDir, 'error.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-25).join('\n') : '(no error log)';
}

function isExited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

function privateTmpDir(dataDir) {
  const dir = join(dataDir, 'tmp');
  mkdirSync(dir, { recursive: true });
  return dir;
}

function initialiseDataDir(dataDir) {
  const res = spawnSync(
    findBinary('mariadb-install-db'),
    ['--no-defaults', `--datadir=${dataDir}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'],
    // A private temp dir: several servers bootstrapping at once in the shared /tmp trip over each
    // other's `#sql-temptable` files.
    { encoding: 'utf8', timeout: START_TIMEOUT_MS, env: { ...process.env, TMPDIR: privateTmpDir(dataDir) } },
  );
  if (res.status !== 0) {
    throw new Error(`mariadb-install-db failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
  }
}

function serverArgs(dataDir, port, options) {
  const durability = options.durable
    ? // Every commit flushed to disk, doublewrite on: what a production club runs.
      ['--innodb-flush-log-at-trx-commit=1', '--innodb-doublewrite=1']
    : // Data deleted at the end of the run needs no durability: faster migrations.
      ['--innodb-flush-log-at-trx-commit=0', '--innodb-doublewrite=0', '--innodb-fast-shutdown=2'];
  return [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--socket=${join(dataDir, 'sock')}`,
    `--pid-file=${join(dataDir, 'mariadbd.pid')}`,
    `--log-error=${join(dataDir, 'error.log')}`,
    `--tmpdir=${privateTmpDir(dataDir)}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    '--user=root',
    '--skip-log-bin',
    '--skip-name-resolve',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    '--max-connections=300',
    `--innodb-buffer-pool-size=${options.bufferPoolMb ?? 128}M`,
    ...(options.logFileMb ? [`--innodb-log-file-size=${options.logFileMb}M`] : []),
    '--performance-schema=OFF',
    '--max-allowed-packet=64M',
    ...durability,
    ...(options.extraArgs ?? []),
  ];
}

async function waitUntilUp(child, dataDir) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (isExited(child)) {
      throw new Error(`mariadbd exited during start-up (${child.exitCode ?? child.signalCode}):\n${errorLogTail(dataDir)}`);
    }
    const ping = spawnSync(
      findBinary('mariadb-admin'),
      ['--no-defaults', `--socket=${join(dataDir, 'sock')}`, '--user=root', '--connect-timeout=2', 'ping'],
      { encoding: 'utf8', timeout: 5_000 },
    );
    if (ping.status === 0) return;
    await sleep(200);
  }
  throw new Error(`mariadbd did not answer within ${START_TIMEOUT_MS / 1000} s:\n${errorLogTail(dataDir)}`);
}

function runSql(dataDir, sql) {
  const res = spawnSync(
    findBinary('mariadb'),
    ['--no-defaults', `--socket=${join(dataDir, 'sock')}`, '--user=root', '-e', sql],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (res.status !== 0) throw new Error(`mariadb client failed: ${res.stderr}`);
}

// A detached process that outlives its parent if the parent is killed, stops mariadbd and deletes the
// data dir. stop() kills it first, so it only ever acts on an abnormal exit.
function startWatchdog(parentPid, serverPid, dataDir) {
  const script = `
    const [parent, server, dir] = [Number(process.argv[1]), Number(process.argv[2]), process.argv[3]];
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    setInterval(() => {
      if (alive(parent)) return;
      if (alive(server)) { try { process.kill(server, 'SIGKILL'); } catch {} }
      setTimeout(() => { require('fs').rmSync(dir, { recursive: true, force: true }); process.exit(0); }, 500);
    }, 1000);
  `;
  const watchdog = spawn(process.execPath, ['-e', script, String(parentPid), String(serverPid), dataDir], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return watchdog;
}

async function stopServer(child, watchdog, dataDir) {
  if (watchdog && !isExited(watchdog)) {
    try {
      process.kill(watchdog.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (!isExited(child)) {
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Creates and starts a private MariaDB; throws with the server's log on failure.
 * @param {import('./private-mariadb.d.cts').PrivateMariadbOptions} [options]
 * @returns {Promise<import('./private-mariadb.d.cts').PrivateMariadb>}
 */
async function startPrivateMariadb(options = {}) {
  const user = options.user ?? 'club';
  const dataDir = mkdtempSync(join(tmpdir(), options.dirPrefix ?? 'vip-club-mariadb-'));
  let child;
  try {
    initialiseDataDir(dataDir);
    // The port is free when picked but another process may take it first: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      child = spawn(findBinary('mariadbd'), serverArgs(dataDir, port, options), { stdio: 'ignore' });
      try {
        await waitUntilUp(child, dataDir);
      } catch (err) {
        const portTaken = /Address already in use|Bind on TCP\/IP port/i.test(errorLogTail(dataDir));
        if (portTaken && attempt < 3) continue;
        throw err;
      }
      const password = randomBytes(12).toString('hex');
      runSql(
        dataDir,
        `CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'; GRANT ALL PRIVILEGES ON *.* TO '${user}'@'%' WITH GRANT OPTION;`,
      );
      const server = child;
      const watchdog = startWatchdog(process.pid, server.pid, dataDir);
      return {
        url: `mysql://${user}:${password}@127.0.0.1:${port}`,
        dataDir,
        pid: server.pid,
        stop: () => stopServer(server, watchdog, dataDir),
      };
    }
  } catch (err) {
    if (child && !isExited(child)) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

module.exports = { startPrivateMariadb };
