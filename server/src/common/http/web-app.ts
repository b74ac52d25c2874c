import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
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
    if (body.trim() !== '') hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * Serves the built H5 mini-program at `/`. Unknown page paths fall back to index.html (the app
 * routes by hash by default, but a history-mode build or a bookmarked path still lands on it);
 * `/api/*` is never answered with the app, and a missing asset is a plain 404.
 */
export async function serveWebApp(app: NestFastifyApplication, webDir: string, logger: Logger): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    // One route per file that exists now, rather than a `/*` route that would take over
    // every unknown path, /api included.
    wildcard: false,
    index: ['index.html'],
    decorateReply: false,
  });
  const indexFile = join(webDir, 'index.html');
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path === '/api' || path.startsWith('/api/') || extname(path) !== '' || !existsSync(indexFile)) {
        sendError(reply, request, new DomainError(ErrorCode.NOT_FOUND, `Cannot GET ${path}`), logger);
        return reply;
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(await readFile(indexFile));
    });
  logger.log(`Serving the H5 app from ${webDir}`);
}
