/**
 * Paces the edits of one chat message. Platforms rate-limit edits (Slack
 * answers 429 past about one per second per message), and a training job or
 * a long command reports far more often than that.
 *
 * - `push` is for interim states (progress): they coalesce to the latest one,
 *   which goes out at the next free slot; the caller never waits for the
 *   network, and a failure goes to `onError` (the next edit replaces it).
 * - `send` is for an edit that must arrive (a final answer): it drops a
 *   waiting interim edit, waits for its slot, goes out after every earlier
 *   edit, and its failure is the caller's.
 * - `finish` is the last edit: like `send`, and nothing after it is accepted.
 *
 * Edits are at least `intervalMs` apart, measured when each one starts.
 */
export interface EditPacerOptions {
  readonly intervalMs: number;
  readonly onError: (error: unknown) => void;
  /** Count the message's creation as an edit: the first edit waits a full interval. */
  readonly startDelayed?: boolean;
}

export class EditPacer<T> {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private chain: Promise<void> = Promise.resolve();
  private pending: { value: T; timer: NodeJS.Timeout } | undefined;
  private closed = false;

  constructor(
    private readonly deliver: (value: T) => Promise<void>,
    private readonly options: EditPacerOptions,
  ) {
    if (options.startDelayed === true) this.markSent();
  }

  /** Treat now as an edit (the message was just posted): the next edit waits for its slot. */
  markSent(): void {
    this.lastSentAt = Date.now();
  }

  /** Milliseconds since the last edit went out (Infinity before the first). */
  idleFor(): number {
    return Date.now() - this.lastSentAt;
  }

  /** An interim edit is waiting for its slot. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  push(value: T): void {
    if (this.closed) return;
    if (this.pending !== undefined) {
      this.pending.value = value;
      return;
    }
    const timer = setTimeout(() => {
      const latest = this.pending?.value ?? value;
      this.pending = undefined;
      void this.enqueue(latest).catch(this.options.onError);
    }, this.waitMs());
    timer.unref();
    this.pending = { value, timer };
  }

  send(value: T): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.dropPending();
    return this.enqueue(value);
  }

  finish(value: T): Promise<void> {
    const sent = this.send(value);
    this.closed = true;
    return sent;
  }

  /** Drop anything waiting; later edits are ignored (shutdown). */
  close(): void {
    this.closed = true;
    this.dropPending();
  }

  private dropPending(): void {
    if (this.pending !== undefined) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  private waitMs(): number {
    return Math.max(0, this.lastSentAt + this.options.intervalMs - Date.now());
  }

  private enqueue(value: T): Promise<void> {
    const run = this.chain.then(async () => {
      const wait = this.waitMs();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.lastSentAt = Date.now();
      await this.deliver(value);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
