/**
 * A background task run every `everyMs` after a first wait of `firstAfterMs`, never twice at once,
 * on timers that do not keep the process alive. For jobs whose every effect is idempotent, so that
 * several server instances may each run them.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly timing: { everyMs: number; firstAfterMs: number },
  ) {}

  start(): void {
    if (this.timer) return;
    const first = setTimeout(() => {
      void this.tick();
      this.timer = setInterval(() => void this.tick(), this.timing.everyMs);
      this.timer.unref();
    }, this.timing.firstAfterMs);
    first.unref();
    this.timer = first;
  }

  stop(): void {
    // clearInterval also clears a timeout: Node shares one timer type between them.
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs the task now unless a run is still going; the task handles its own errors. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.task();
    } finally {
      this.running = false;
    }
  }
}
