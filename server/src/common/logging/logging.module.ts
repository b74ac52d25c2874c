import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers, stdTimeFunctions } from 'pino';
import { AppConfig } from '../../config/app-config';
import { REDACT_PATHS, redactUrl } from './redaction';

/**
 * Structured JSON logs through pino: one line per request plus whatever services log, with
 * credentials, phone numbers and codes redacted. `LOG_LEVEL` (silent by default under test).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          timestamp: stdTimeFunctions.isoTime,
          redact: { paths: REDACT_PATHS, censor: '[redacted]' },
          quietReqLogger: true,
          // Fastify has already given the request its id (see app.factory.ts); pino-http keeps it.
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
            err !== undefined || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          serializers: {
            req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url),
              remoteAddress: req.remoteAddress,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            // An error's own `code` (ER_DUP_ENTRY, FST_…) is useful and not secret: keep it out of
            // the reach of the `*.code` redaction, which is meant for login and phone codes.
            err: (err: Error) => {
              const { code, ...rest } = stdSerializers.err(err) as ReturnType<typeof stdSerializers.err> & {
                code?: unknown;
              };
              return code === undefined ? rest : { ...rest, errorCode: code };
            },
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
