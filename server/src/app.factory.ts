import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AllExceptionsFilter, sendError } from './common/errors/all-exceptions.filter';
import { registerMultipart } from './common/http/multipart';
import { setupOpenApi } from './common/http/openapi';
import { registerSecurityHeaders } from './common/http/security-headers';
import { inlineScriptHashes, serveWebApp, usableWebDir } from './common/http/web-app';
import type { AppConfigShape } from './config/app-config';
import { loadConfig, processEnv, type Env } from './config/load-config';
import { describeDatabaseUrl } from './database/data-source';

export const API_PREFIX = 'api/v1';
/** Every body the club accepts is a small form; anything bigger is a mistake or an attack. */
export const BODY_LIMIT_BYTES = 64 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface CreateAppOptions {
  /** Overrides of the environment; `undefined` unsets a variable. */
  env?: Env;
}

/**
 * Builds the whole club server (not yet listening): config from the environment, database
 * migrated, routes under /api/v1, docs at /api/docs, the H5 app at / when CLUB_WEB_DIR exists.
 * Call `app.init()` (or `listen`) next. Throws ConfigError when the environment is unusable.
 */
export async function createApp(opts: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = loadConfig({ ...processEnv(), ...opts.env });
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    // Requests are logged by nestjs-pino; Fastify's own logger would log each one twice.
    logger: false,
    // A long path parameter reaches the route, whose schema names it (`id`) in a 400; Fastify's
    // default (100) answers 414 outside the contract shape.
    routerOptions: { maxParamLength: 1024 },
    // What Fastify answers before any route (a URL it cannot decode, a parameter past the limit
    // above) also leaves in the contract shape.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      sendError(reply, request, error, new NestLogger('Http'));
    },
    // A caller's request id is kept (to follow a request across systems) only if it is harmless in a log line.
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // Throw to the caller (main.ts prints it, tests see it) instead of exiting the process.
    abortOnError: false,
  });
  try {
    await configureApp(app, config);
  } catch (err) {
    // The database is already open: close it rather than leave a half-built app holding it.
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}

async function configureApp(app: NestFastifyApplication, config: AppConfigShape): Promise<void> {
  app.useLogger(app.get(Logger));
  const logger = new NestLogger('App');
  logger.log(
    config.database.kind === 'mysql'
      ? `Database: MySQL at ${describeDatabaseUrl(config.database.url)}`
      : `Database: embedded SQLite at ${config.database.path}`,
  );

  app.setGlobalPrefix(API_PREFIX);
  // Also reached by Fastify's own errors (unreadable JSON, body too large, wrong content type):
  // Nest installs Fastify's error handler at init and hands them to the global filters.
  app.useGlobalFilters(new AllExceptionsFilter());
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      void reply.header('x-request-id', request.id);
    });

  const webDir = usableWebDir(config.webDir, logger);
  await registerSecurityHeaders(app, {
    inlineScriptHashes: webDir === null ? [] : inlineScriptHashes(webDir),
  });
  await registerMultipart(app);
  setupOpenApi(app);
  if (webDir !== null) await serveWebApp(app, webDir, logger);
}
