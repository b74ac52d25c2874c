import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/load-config';

async function main(): Promise<void> {
  const app = await createApp();
  app.enableShutdownHooks();
  const { port, host } = app.get(AppConfig);
  await app.listen(port, host);
  const address = app.getHttpServer().address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  new Logger('App').log(
    `VIP Club listening on http://${shown}:${actualPort} (API /api/v1, docs /api/docs, health /api/v1/health)`,
  );
}

main().catch((err: unknown) => {
  // The logger may not exist yet (bad configuration): say it plainly on stderr, in one line where
  // possible (Nest has already logged the stack of a failure inside a module).
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    err instanceof ConfigError ? `${message}\n` : `VIP Club failed to start: ${message}\n`,
  );
  process.exit(1);
});
