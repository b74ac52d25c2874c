// The one way an e2e test gets a running club: the real app (createApp), listening on a loopback
// port, on a database of its own created for it and dropped again by close().
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createConnection, type Connection } from 'mysql2/promise';
import supertest from 'supertest';
import { TEST_MYSQL_URL_ENV } from './private-mariadb';

/** The bootstrap manager every test app starts with. */
export const TEST_MANAGER_USERNAME = 'manager';
export const TEST_MANAGER_PASSWORD = 'Test-Manager-Passw0rd';

export type TestDbDriver = 'mysql' | 'sqlite';

export type TestAgent = ReturnType<typeof supertest.agent>;

export interface TestApp {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port>, for clients other than supertest (fetch, a browser). */
  baseUrl: string;
  request: TestAgent;
  /** The app's DATABASE_URL (MySQL only). */
  dbUrl?: string;
  /** The app's CLUB_DATA_DIR, deleted by close(). */
  dataDir: string;
  close(): Promise<void>;
}

export interface StartTestAppOptions {
  /** Overrides of the app's environment; `undefined` unsets a variable. */
  env?: Record<string, string | undefined>;
}

/** `sqlite` in the server-e2e-sqlite project, `mysql` otherwise. */
export function testDbDriver(): TestDbDriver {
  return process.env.TEST_DB_DRIVER === 'sqlite' ? 'sqlite' : 'mysql';
}

/** URL of the test MySQL server (a user allowed everything), optionally naming a database. */
export function testMysqlUrl(database?: string): string {
  const base = process.env[TEST_MYSQL_URL_ENV];
  if (!base) {
    throw new Error(
      `${TEST_MYSQL_URL_ENV} is not set: run MySQL e2e tests through the server-e2e-mysql jest project ` +
        '(its global setup starts a private MariaDB), or set TEST_MYSQL_URL to an existing server.',
    );
  }
  const url = new URL(base);
  url.pathname = database ? `/${database}` : '/';
  return url.toString();
}

async function adminConnection(): Promise<Connection> {
  const url = new URL(testMysqlUrl());
  return createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
}

/** Creates an empty database with the club's charset and collation; returns its name and URL. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const name = `club_test_${randomBytes(6).toString('hex')}`;
  const conn = await adminConnection();
  try {
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  return { name, url: testMysqlUrl(name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  const conn = await adminConnection();
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

type CreateApp = (opts: { env?: Record<string, string | undefined> }) => Promise<NestFastifyApplication>;

async function loadCreateApp(): Promise<CreateApp> {
  try {
    const mod = await import('../../src/app.factory');
    return mod.createApp;
  } catch (err) {
    const missing = (err as { code?: string }).code === 'MODULE_NOT_FOUND' && /app\.factory/.test(String(err));
    if (missing) {
      throw new Error('startTestApp: server/src/app.factory.ts (createApp) does not exist yet', { cause: err });
    }
    throw err;
  }
}

// Whatever the shell running the tests has set must not leak into the app under test.
const NEUTRAL_ENV: Record<string, string | undefined> = {
  NODE_ENV: 'test',
  PORT: undefined,
  SEED_DEMO: undefined,
  CLUB_WEB_DIR: undefined,
  WECHAT_APPID: undefined,
  WECHAT_SECRET: undefined,
  WECHAT_API_BASE: undefined,
  ALIPAY_APPID: undefined,
  ALIPAY_PRIVATE_KEY: undefined,
  ALIPAY_PUBLIC_KEY: undefined,
  ALIPAY_GATEWAY: undefined,
  CLUB_TIMEZONE: undefined,
  CLUB_CURRENCY: undefined,
};

/** Starts the club on a fresh database of the project's driver; close() stops it and deletes the database. */
export async function startTestApp(opts: StartTestAppOptions = {}): Promise<TestApp> {
  const createApp = await loadCreateApp();
  const driver = testDbDriver();
  const dataDir = await mkdtemp(join(tmpdir(), `vip-club-test-${driver}-`));
  const database = driver === 'mysql' ? await createTestDatabase() : undefined;

  const cleanUp = async () => {
    if (database) await dropTestDatabase(database.name);
    await rm(dataDir, { recursive: true, force: true });
  };

  let app: NestFastifyApplication | undefined;
  try {
    app = await createApp({
      env: {
        ...NEUTRAL_ENV,
        DATABASE_URL: database?.url,
        CLUB_DATA_DIR: dataDir,
        JWT_SECRET: randomBytes(32).toString('hex'),
        BOOTSTRAP_MANAGER_USERNAME: TEST_MANAGER_USERNAME,
        BOOTSTRAP_MANAGER_PASSWORD: TEST_MANAGER_PASSWORD,
        LOG_LEVEL: 'silent',
        ...opts.env,
      },
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    await app.listen(0, '127.0.0.1');
  } catch (err) {
    await app?.close().catch(() => undefined);
    await cleanUp();
    throw err;
  }

  const server = app.getHttpServer();
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('test app is not listening on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  let closed = false;
  const started = app;
  return {
    app: started,
    baseUrl,
    request: supertest.agent(server),
    dbUrl: database?.url,
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await started.close();
      } finally {
        await cleanUp();
      }
    },
  };
}
