// Makes a fresh Debian machine with only Node and npm ready for `npm start` / `npm test`:
// the pinned pnpm, the workspace's dependencies from the lockfile and, for the tests, MariaDB and
// Chromium. Each step is skipped when already satisfied, so repeated runs cost nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '10.34.9';
const CHROMIUM = '/usr/bin/chromium';
// The club speaks Chinese first: without a CJK font the browser tests' screenshots show empty boxes.
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

export function log(message) {
  console.log(`[vip-club] ${message}`);
}

/** Runs a command with inherited output; throws when it fails. */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: repoRoot, ...opts });
  if (res.error) throw new Error(`${cmd} ${args.join(' ')}: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
}

function capture(cmd, args) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', cwd: repoRoot });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

function onPath(name, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs];
  return dirs.filter(Boolean).map((d) => join(d, name)).find((p) => existsSync(p));
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Returns the path of a pnpm at the pinned version, installing it with npm when needed. */
export function ensurePnpm() {
  const current = onPath('pnpm');
  if (current && capture(current, ['--version']) === PNPM_VERSION) return current;
  log(`installing pnpm ${PNPM_VERSION} (npm i -g pnpm@${PNPM_VERSION}; found ${current ? capture(current, ['--version']) : 'none'})`);
  try {
    run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`]);
  } catch (err) {
    throw new Error(
      `could not install pnpm ${PNPM_VERSION} globally (${err.message}). Install it yourself ` +
        `(npm i -g pnpm@${PNPM_VERSION}, as root or with a user-writable npm prefix) and run again.`,
    );
  }
  const prefix = capture('npm', ['prefix', '--global']);
  const installed = onPath('pnpm', prefix ? [join(prefix, 'bin')] : []);
  if (!installed || capture(installed, ['--version']) !== PNPM_VERSION) {
    throw new Error(`pnpm ${PNPM_VERSION} was installed but is not the pnpm on PATH: check PATH and npm's global prefix`);
  }
  return installed;
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** `pnpm install --frozen-lockfile` when node_modules is missing or older than the lockfile. */
export function ensureDependencies(pnpm) {
  const marker = join(repoRoot, 'node_modules', '.modules.yaml');
  const lock = join(repoRoot, 'pnpm-lock.yaml');
  if (existsSync(marker) && mtime(marker) >= mtime(lock)) return;
  log('installing dependencies (pnpm install --frozen-lockfile)');
  run(pnpm, ['install', '--frozen-lockfile'], {
    // pnpm reads npm_config_* as its own settings; `npm start` sets some that are not meant for it.
    env: { ...process.env, npm_config_nodedir: '/usr', CI: process.env.CI ?? 'true' },
  });
}

/** MariaDB (unless TEST_MYSQL_URL names a server), Debian's Chromium and a CJK font, from apt when missing. */
export function ensureTestSystemPackages() {
  const missing = [];
  if (!process.env.TEST_MYSQL_URL && !onPath('mariadbd', ['/usr/sbin', '/usr/local/sbin'])) missing.push('mariadb-server');
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  const fontMissing = !existsSync(CJK_FONT);
  if (missing.length === 0 && !fontMissing) return;
  const aptGet = onPath('apt-get', ['/usr/bin']);
  if (missing.length === 0 && (!isRoot() || !aptGet)) {
    log('no CJK font: screenshots will show boxes for Chinese text (apt-get install fonts-noto-cjk)');
    return;
  }
  if (fontMissing) missing.push('fonts-noto-cjk');
  if (!isRoot() || !aptGet) {
    throw new Error(
      `the tests need ${missing.join(' and ')}: install with \`sudo apt-get install -y ${missing.join(' ')}\` ` +
        '(or set TEST_MYSQL_URL to use an existing MySQL/MariaDB server) and run again.',
    );
  }
  log(`installing ${missing.join(', ')} from apt`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(aptGet, ['update'], { env });
  run(aptGet, ['install', '-y', ...missing], { env });
}

/** Everything `npm start` (forTests: false) or `npm test` (forTests: true) needs; returns the pnpm path. */
export function ensure({ forTests }) {
  const pnpm = ensurePnpm();
  ensureDependencies(pnpm);
  if (forTests) ensureTestSystemPackages();
  return pnpm;
}
