import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ErrorCode } from '@vip-club/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error';
import { sendError } from '../errors/all-exceptions.filter';

/** The H5 build folder if CLUB_WEB_DIR names one that exists; otherwise null, with a warning. */
export function usableWebDir(webDir: string | null, logger: Logger): string | null {
  if (webDir === null) return null;
  if (existsSync(webDir) && statSync(webDir).isDirectory()) return webDir;
  logger.warn(`CLUB_WEB_DIR ${webDir} does not exist: the H5 app is not served (build it, then restart)`);
  return null;
}

/**
 * CSP hashes of the inline scripts in the H5 index.html (Taro inlines its rem sizing script), so
 * the CSP can allow exactly those without 'unsafe-inline'. Read at start: restart after a rebuild.
 */
export function inlineScriptHashes(webDir: string): string[] {
  const indexFile = join(webDir, 'index.html');
  if (!existsSync(indexFile)) return [];
  const html = readFileSync(indexFile, 'utf8');
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const body = match[1] ?? '';
    if (body.trim() !== '')
      hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * Serves the built H5 mini-program at `/`: files that exist, and index.html for unknown page paths
 * (the app routes by hash by default, but a history-mode build or a bookmarked path still lands
 * on it). `/api/*` is never answered with the app, and a missing asset is a plain 404. Files are
 * looked up per request, so a rebuild of the app is served without a restart.
 */
export async function serveWebApp(
  app: NestFastifyApplication,
  webDir: string,
  logger: Logger,
): Promise<void> {
  // `serve: false`: only `reply.sendFile`, no routes of its own that could shadow the API.
  await app.register(fastifyStatic, { root: webDir, serve: false });
  const root = resolve(webDir);
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
      const path = decodePath(request.url.split('?')[0] ?? '/');
      const notFound = () => {
        sendError(
          reply,
          request,
          new DomainError(ErrorCode.NOT_FOUND, `Cannot GET ${path ?? request.url}`),
          logger,
        );
        return reply;
      };
      if (path === undefined || path === '/api' || path.startsWith('/api/')) return notFound();
      const file = resolve(root, `.${path}`);
      if (file !== root && !file.startsWith(root + sep)) return notFound();
      if (await isFile(file)) return reply.sendFile(relative(root, file));
      if (extname(path) !== '' || !(await isFile(join(root, 'index.html')))) return notFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  logger.log(`Serving the H5 app from ${webDir}`);
}

function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
