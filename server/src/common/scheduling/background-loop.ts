import type { Logger } from '@nestjs/common';

/**
 * Runs `pass` over and over while it finds work, and again `idleMs` after a pass that found none;
 * for background workers that drain a table (the outbox, the invitations fan-out). A failing pass is
 * logged and retried after the idle pause. `stop()` lets the pass in hand finish.
 */
export class BackgroundLoop {
  private running = false;
  private stopRequested = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    /** One pass; answers whether it found work (then the next pass starts at once). */
    private readonly pass: () => Promise<boolean>,
    private readonly options: { idleMs: number; logger: Logger; what: string },
  ) {}

  /** True once `stop()` was called: a long pass may end early at a consistent point. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopRequested = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopRequested = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false;
      try {
        busy = await this.pass();
      } catch (err) {
        this.options.logger.error({ err }, `${this.options.what} failed; trying again shortly`);
      }
      if (!busy && this.running) await this.sleep(this.options.idleMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
