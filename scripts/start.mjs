// `npm start`: the whole club in one process. Builds what is out of date (shared, the server, the H5
// mini-program), then starts the server with the demo club, serving the H5 app at / and the API at
// /api/v1, on the embedded database unless DATABASE_URL says otherwise.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensure, log, repoRoot, run } from './ensure.mjs';

const SKIP_DIRS = new Set(['node_modules', 'dist', '.data', '.swc', '.temp', 'coverage', 'test-results', 'e2e']);

/** Newest modification time among files under the given paths (0 when none exist). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const entry of readdirSync(p)) if (!SKIP_DIRS.has(entry)) visit(join(p, entry));
    } else if (st.mtimeMs > newest) {
      newest = st.mtimeMs;
    }
  };
  for (const p of paths) visit(join(repoRoot, p));
  return newest;
}

function outputMtime(path) {
  const abs = join(repoRoot, path);
  return existsSync(abs) ? statSync(abs).mtimeMs : 0;
}

const steps = [
  {
    name: 'shared',
    output: 'shared/dist/cjs/index.js',
    sources: ['shared/src', 'shared/package.json', 'shared/tsconfig.json', 'shared/tsconfig.esm.json', 'shared/tsconfig.cjs.json'],
    args: ['--filter', '@vip-club/shared', 'build'],
  },
  {
    name: 'server',
    output: 'server/dist/main.js',
    sources: ['server/src', 'server/package.json', 'server/tsconfig.json', 'server/tsconfig.build.json', 'shared/src'],
    args: ['--filter', '@vip-club/server', 'build'],
  },
  {
    name: 'H5 mini-program',
    output: 'miniapp/dist/h5/index.html',
    sources: ['miniapp/src', 'miniapp/config', 'miniapp/package.json', 'miniapp/babel.config.js', 'miniapp/tsconfig.json', 'shared/src'],
    args: ['--filter', '@vip-club/miniapp', 'build:h5'],
  },
];

function buildAll(pnpm) {
  for (const step of steps) {
    if (outputMtime(step.output) > newestMtime(step.sources)) {
      log(`${step.name}: up to date`);
      continue;
    }
    log(`building ${step.name}`);
    const started = Date.now();
    run(pnpm, step.args);
    log(`${step.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

/** The demo staff logins, from the seed itself so that they cannot drift from what it creates. */
function demoLogins() {
  try {
    const load = (file) => createRequire(import.meta.url)(join(repoRoot, 'server/dist/database/seed', file));
    const seed = load('seed-demo-club.js');
    const clerks = load('demo-people.js').DEMO_STORES.length * seed.DEMO_CLERKS_PER_STORE;
    return {
      member: `demo-1 … demo-${load('demo-seed.service.js').DEMO_MEMBERS}`,
      manager: `${seed.DEMO_MANAGER.username} / ${seed.DEMO_MANAGER.password}`,
      clerks: `clerk1 … clerk${clerks} / ${seed.DEMO_CLERK_PASSWORD}`,
    };
  } catch {
    const readme = 'see README, "Quick start"';
    return { member: 'demo-1 …', manager: readme, clerks: readme };
  }
}

function printWelcome(port) {
  const base = `http://localhost:${port}`;
  const logins = demoLogins();
  const lines = [
    '',
    'VIP Club is running',
    `  mini-program (H5)  ${base}/`,
    `  API                ${base}/api/v1`,
    `  API docs           ${base}/api/docs`,
    '',
    'Demo logins',
    `  member             ${base}/?as=demo-1  (${logins.member}, through the platform sandbox)`,
    `  manager            ${logins.manager}`,
    `  clerks             ${logins.clerks}`,
    '',
    'Ctrl-C stops the club.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function main() {
  const pnpm = ensure({ forTests: false });
  buildAll(pnpm);

  const port = process.env.PORT || '3000';
  const child = spawn(process.execPath, [join(repoRoot, 'server/dist/main.js')], {
    cwd: join(repoRoot, 'server'),
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: port,
      SEED_DEMO: process.env.SEED_DEMO ?? 'true',
      CLUB_WEB_DIR: join(repoRoot, 'miniapp/dist/h5'),
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

  if (await waitForHealth(`http://127.0.0.1:${port}/api/v1/health`, child)) printWelcome(port);
}

main().catch((err) => {
  console.error(`[vip-club] ${err.message}`);
  process.exit(1);
});
