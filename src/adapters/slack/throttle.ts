/**
 * Edits to one Slack message, spaced to Slack's pace (chat.update tolerates
 * about one edit per second per message before answering 429).
 *
 * - Interim (`tone: 'progress'`) edits coalesce: only the latest waiting one
 *   is sent, and the caller does not wait for the network (a training loop
 *   reporting every batch must not be slowed down by Slack).
 * - Any other edit (the final answer) drops a waiting interim one, waits for
 *   its slot, is sent in order after earlier edits, and its failure is thrown
 *   to the caller.
 */
import type { Logger } from 'pino';

export class EditThrottle<T extends { readonly tone?: string | undefined }> {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private chain: Promise<void> = Promise.resolve();
  private pending: { value: T; timer: NodeJS.Timeout } | undefined;
  private closed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (value: T) => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** Milliseconds since the last edit went out (Infinity before the first). */
  idleFor(): number {
    return Date.now() - this.lastSentAt;
  }

  /** Treat the message's creation as the first edit: the next edit waits for its slot. */
  markSent(): void {
    this.lastSentAt = Date.now();
  }

  get busy(): boolean {
    return this.pending !== undefined;
  }

  push(value: T): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (value.tone === 'progress') {
      if (this.pending !== undefined) {
        this.pending.value = value;
        return Promise.resolve();
      }
      const timer = setTimeout(() => {
        const latest = this.pending?.value ?? value;
        this.pending = undefined;
        void this.enqueue(latest).catch((error: unknown) => this.log.warn({ err: error }, 'progress update failed (the next update or the final reply will replace it)'));
      }, this.waitMs());
      this.pending = { value, timer };
      return Promise.resolve();
    }
    if (this.pending !== undefined) {
      clearTimeout(this.pending.timer);
      this.pending = undefined;
    }
    return this.enqueue(value);
  }

  /** Drop anything waiting; later pushes are ignored. */
  close(): void {
    this.closed = true;
    if (this.pending !== undefined) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  private waitMs(): number {
    return Math.max(0, this.lastSentAt + this.intervalMs - Date.now());
  }

  private enqueue(value: T): Promise<void> {
    const run = this.chain.then(async () => {
      const wait = this.waitMs();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.lastSentAt = Date.now();
      await this.send(value);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
