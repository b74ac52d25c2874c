import multipart from '@fastify/multipart';
import { type NestFastifyApplication, RouteConfig } from '@nestjs/platform-fastify';
import { FEEDBACK_PHOTO_MAX_BYTES } from '@vip-club/shared';
import { validationError } from '../pipes/zod-validation.pipe';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by `@ReadsMultipart()`: the route reads a multipart/form-data body itself. */
    readsMultipart?: boolean;
  }
}

/**
 * What a multipart/form-data body may hold. The only route reading one takes a single photo, so the
 * limits are that photo's: the file is cut off past 2 MB (the route answers 413), a second file or
 * more than a few stray fields end the parse. Such a body is streamed, not buffered whole, so the
 * app's 64 KiB limit for JSON does not apply to it; these do.
 */
export const MULTIPART_LIMITS = {
  files: 1,
  fileSize: FEEDBACK_PHOTO_MAX_BYTES,
  fields: 4,
  fieldSize: 1024,
  parts: 5,
  headerPairs: 16,
} as const;

/** Marks the route that reads a multipart/form-data body (`request.parts()`); every other route refuses one. */
export const ReadsMultipart = (): MethodDecorator => RouteConfig({ readsMultipart: true });

/**
 * @fastify/multipart for the upload route. The plugin accepts a multipart body on every route and
 * leaves it unread; elsewhere it would reach the handler as no body at all (a route without a body
 * schema would go ahead as if none was sent), so it is refused before the route runs
 * (an unknown address stays a 404).
 */
export async function registerMultipart(app: NestFastifyApplication): Promise<void> {
  await app.register(multipart, { limits: MULTIPART_LIMITS });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (request) => {
      if (
        request.isMultipart() &&
        !request.is404 &&
        request.routeOptions.config.readsMultipart !== true
      ) {
        throw validationError([{ path: '', message: 'send this request as JSON, not multipart/form-data' }]);
      }
    });
}
