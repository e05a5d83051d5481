/**
 * At most one update per interval per job: chat platforms rate-limit message
 * edits (Slack about one per second per channel), and a 500-epoch job would
 * otherwise edit its message 500 times. Updates in between are coalesced to
 * the latest; the final one is never dropped and always lands last.
 */
export class Throttle<T> {
  private last: number;
  private pending: { value: T } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly send: (value: T) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 1000,
    private readonly clock: () => number = Date.now,
    /** Counts as a send at construction: the first update waits a full interval (the message was just posted). */
    startDelayed = true,
  ) {
    this.last = startDelayed ? clock() : Number.NEGATIVE_INFINITY;
  }

  private deliver(value: T): Promise<void> {
    this.last = this.clock();
    this.chain = this.chain.then(() => this.send(value)).catch(this.onError);
    return this.chain;
  }

  /** Queue an update; sent now if the interval has passed, else at its end (only the latest survives). */
  push(value: T): void {
    if (this.closed) return;
    this.pending = { value };
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.last + this.intervalMs - this.clock());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const next = this.pending;
      this.pending = undefined;
      if (next !== undefined && !this.closed) void this.deliver(next.value);
    }, wait);
    this.timer.unref();
  }

  /** The last update: replaces anything pending, respects the interval, resolves once sent. */
  async flush(value: T): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    await this.chain;
    const wait = Math.max(0, this.last + this.intervalMs - this.clock());
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await this.deliver(value);
  }

  /** Drop anything pending (shutdown). */
  dispose(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }
}
