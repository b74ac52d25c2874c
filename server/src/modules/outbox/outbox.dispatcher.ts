import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BackgroundLoop } from '../../common/scheduling/background-loop';
import { AppConfig } from '../../config/app-config';
import { OutboxService } from './outbox.service';

/**
 * Delivers the outbox in the background: claims and delivers batches until none is left, then polls
 * again each second. Every server instance runs one; claims keep them off each other's rows. Off when
 * `backgroundWork` is (by default under NODE_ENV=test), where tests call
 * `OutboxService.dispatchOnce`/`dispatchAll` (or `start()` here).
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: BackgroundLoop;

  constructor(
    outbox: OutboxService,
    private readonly config: AppConfig,
  ) {
    this.loop = new BackgroundLoop(async () => (await outbox.dispatchOnce()).claimed > 0, {
      idleMs: 1_000,
      logger: new Logger(OutboxDispatcher.name),
      what: 'outbox dispatch',
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.backgroundWork) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    this.loop.start();
  }

  /** Lets the batch in hand finish (its rows stay consistent either way), then stops. */
  stop(): Promise<void> {
    return this.loop.stop();
  }
}
