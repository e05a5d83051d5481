/** Promises for "tell me when job N has ended", settled by the queue's events or by polling the database. */
import type { JobRecord } from './job-record.js';

interface Waiter {
  resolve(job: JobRecord | undefined): void;
  reject(error: Error): void;
}

const POLL_MS = 2000;

export class JobWaiters {
  private readonly byJob = new Map<number, Set<Waiter>>();

  /** `ended(id)` returns the job when it has ended (read from the database), else undefined. */
  constructor(private readonly ended: (id: number) => JobRecord | undefined) {}

  wait(id: number, timeoutMs?: number): Promise<JobRecord | undefined> {
    const already = this.ended(id);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise<JobRecord | undefined>((resolve, reject) => {
      const set = this.byJob.get(id) ?? new Set<Waiter>();
      this.byJob.set(id, set);
      const cleanup = (): void => {
        clearInterval(poll);
        clearTimeout(timeout);
        set.delete(waiter);
        if (set.size === 0 && this.byJob.get(id) === set) this.byJob.delete(id);
      };
      const waiter: Waiter = {
        resolve: (job) => {
          cleanup();
          resolve(job);
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
      };
      // The job may run in another process (a bot serving chats while a CLI waits): poll while someone waits.
      const poll = setInterval(() => {
        const job = this.ended(id);
        if (job !== undefined) waiter.resolve(job);
      }, POLL_MS);
      const timeout = timeoutMs === undefined ? undefined : setTimeout(() => waiter.resolve(undefined), timeoutMs);
      set.add(waiter);
    });
  }

  settle(job: JobRecord): void {
    for (const waiter of [...(this.byJob.get(job.id) ?? [])]) waiter.resolve(job);
  }

  rejectAll(error: (id: number) => Error): void {
    for (const [id, set] of [...this.byJob]) for (const waiter of [...set]) waiter.reject(error(id));
  }
}
