/**
 * Where the work behind an acked Slack request waits its turn (issue #15).
 *
 * Acks and work share one event loop. Started all at once, 200 commands'
 * work (routing, rendering, Web API calls) fills every turn of the loop, and
 * the acks of requests still arriving wait behind it. So:
 * - at most `concurrency` pieces of work run at a time; the rest queue, in
 *   arrival order;
 * - a piece of work starts on a later turn of the loop (setImmediate), never
 *   inside the listener that acked;
 * - while requests are waiting for their ack (`acksPending()` > 0, counted by
 *   the HTTP receiver), or one arrived less than `quietMs` ago, no new work
 *   starts, unless the oldest waiting piece has waited `maxHoldMs`: under
 *   sustained load acks come first, but work still moves. The quiet period is
 *   for bursts: between two arrivals of a burst nothing may be pending, and
 *   work started in that gap delays the next ack by a whole piece of work
 *   (and on a small machine takes the CPU the next requests need).
 */
export interface WorkQueueOptions {
  readonly concurrency: number;
  /** Requests received and not yet acked (0 when the receiver cannot tell). */
  readonly acksPending?: () => number;
  /** When the last request arrived (performance.now()); with `quietMs`. */
  readonly lastArrival?: () => number;
  /** Work waits until no request has arrived for this long (default 5 ms). */
  readonly quietMs?: number;
  /** The longest a piece of work is held back for acks. */
  readonly maxHoldMs?: number;
}

interface Waiting {
  readonly task: () => Promise<void>;
  readonly since: number;
  readonly done: (result: Promise<void>) => void;
}

export class AckFirstWorkQueue {
  private running = 0;
  private readonly waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly options: WorkQueueOptions) {}

  /** Pieces of work started and not yet finished. */
  get active(): number {
    return this.running;
  }

  /** Pieces of work not yet started. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` when its turn comes; settles as the task does. */
  run(task: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push({ task, since: performance.now(), done: resolve });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0 || this.running >= this.options.concurrency) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const oldest = this.waiting[0];
    if (oldest === undefined || this.running >= this.options.concurrency) return;
    const now = performance.now();
    const busy = (this.options.acksPending?.() ?? 0) > 0 || now - (this.options.lastArrival?.() ?? Number.NEGATIVE_INFINITY) < (this.options.quietMs ?? 5);
    if (busy && now - oldest.since < (this.options.maxHoldMs ?? 500)) {
      // Acks are still being produced: look again in a millisecond (not on the very next turn, which would spin).
      this.scheduled = true;
      setTimeout(() => {
        this.scheduled = false;
        this.pump();
      }, 1);
      return;
    }
    this.waiting.shift();
    this.running++;
    const result = Promise.resolve()
      .then(oldest.task)
      .finally(() => {
        this.running--;
        this.schedule();
      });
    oldest.done(result);
    // One start per turn: the next one waits for the loop to go round (and for pending acks).
    this.schedule();
  }
}
