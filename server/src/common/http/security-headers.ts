import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Helmet's headers with a CSP the club's own pages can live with: the H5 app and Swagger UI load
 * only their own scripts (plus the H5 page's inline scripts, allowed by hash), but inject styles at
 * run time, draw icons and QR codes as data: URLs, and read picked photos from blob: URLs.
 */
export async function registerSecurityHeaders(
  app: NestFastifyApplication,
  opts: { inlineScriptHashes?: string[] } = {},
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'", ...(opts.inlineScriptHashes ?? [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // blob: so the H5 app can read a photo the member picked (Taro.uploadFile fetches its blob URL).
        connectSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        // Not upgrade-insecure-requests: a shop may open the club over plain HTTP on its LAN, and
        // the upgrade would break every asset there.
      },
    },
    // Swagger UI and the H5 app load nothing cross-origin that would need these relaxed further.
    crossOriginEmbedderPolicy: false,
  });
}
