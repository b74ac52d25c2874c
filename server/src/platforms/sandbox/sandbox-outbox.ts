import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SandboxOutboxChannel, SandboxOutboxMessage } from '@vip-club/shared';

export type SandboxOutboxInput = Omit<SandboxOutboxMessage, 'id' | 'at'>;

export interface SandboxOutboxFilter {
  channel?: SandboxOutboxChannel;
  to?: string;
}

/**
 * Every message "sent" through the sandbox, in memory and (given a file) appended as JSON lines so
 * a restarted club still shows what it sent before.
 */
export class SandboxOutbox {
  private readonly messages: SandboxOutboxMessage[] = [];
  private lastId = 0;
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string | undefined,
    private readonly now: () => Date,
  ) {}

  /** Opens the outbox, reading back what an earlier run appended to `file`. */
  static async open(options: { file?: string; now?: () => Date } = {}): Promise<SandboxOutbox> {
    const outbox = new SandboxOutbox(options.file, options.now ?? (() => new Date()));
    if (options.file) {
      await mkdir(dirname(options.file), { recursive: true });
      await outbox.load(options.file);
    }
    return outbox;
  }

  /** Records a message; resolves once it is on disk (when there is a file). */
  async record(input: SandboxOutboxInput): Promise<SandboxOutboxMessage> {
    const message: SandboxOutboxMessage = {
      id: String(++this.lastId),
      ...input,
      at: this.now().toISOString(),
    };
    this.messages.push(message);
    if (this.file) {
      const file = this.file;
      // Chained so lines land in id order even when sends overlap.
      const write = this.writes.then(() => appendFile(file, `${JSON.stringify(message)}\n`, 'utf8'));
      this.writes = write.catch(() => undefined);
      await write;
    }
    return message;
  }

  /** Newest first. */
  list(filter: SandboxOutboxFilter = {}): SandboxOutboxMessage[] {
    return this.messages
      .filter(
        (m) =>
          (filter.channel === undefined || m.channel === filter.channel) &&
          (filter.to === undefined || m.to === filter.to),
      )
      .reverse();
  }

  private async load(file: string): Promise<void> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    // A crash mid-append leaves a line without its newline; end it so the next record starts clean.
    if (text.length > 0 && !text.endsWith('\n')) await appendFile(file, '\n', 'utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let message: SandboxOutboxMessage;
      try {
        message = JSON.parse(line) as SandboxOutboxMessage;
      } catch {
        continue; // a line cut short by a crash mid-append; the rest is still good
      }
      this.messages.push(message);
      const id = Number(message.id);
      if (Number.isInteger(id) && id > this.lastId) this.lastId = id;
    }
  }
}
