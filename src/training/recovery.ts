/**
 * Finding jobs that a dead process left `running`. The owner of a running job
 * is `host:pid:instance`; it renews a lease while it lives. A job is taken
 * back when its lease has expired, or at once when its owner ran on this host
 * and that pid is gone (the usual case: the bot was restarted).
 */
import { hostname } from 'node:os';
import type { JobRecord } from './job-record.js';
import type { JobStore } from './store.js';

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function ownerIsDead(owner: string | undefined): boolean {
  if (owner === undefined) return true;
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  // Another instance in this very process (tests) is alive by definition; it has to let its lease lapse.
  if (host !== hostname() || !Number.isInteger(pid) || pid === process.pid) return false;
  return !pidAlive(pid);
}

export interface RecoveryOptions {
  /** Our own owner id: our jobs are never "stale". */
  readonly self: string;
  readonly now: number;
  readonly maxAttempts: number;
}

/** Re-queue (or end) every stale running job; returns what changed and why. */
export function recoverStaleJobs(store: JobStore, options: RecoveryOptions): { job: JobRecord; why: string }[] {
  const recovered: { job: JobRecord; why: string }[] = [];
  for (const job of store.running()) {
    if (job.owner === options.self) continue;
    const dead = ownerIsDead(job.owner);
    const expired = (job.leaseUntil ?? 0) < options.now;
    if (!expired && !dead) continue;
    const why = dead ? 'the process running it died' : 'its process stopped renewing its lease';
    let changed: boolean;
    if (job.attempts >= options.maxAttempts) {
      changed = store.abandon(job.id, job.owner, 'failed', `gave up after ${job.attempts} interrupted attempts`, `interrupted ${job.attempts} times (${why})`);
    } else if (!job.resumable) {
      // Its asker waited in the process that died: end it, do not re-run it for nobody.
      changed = store.abandon(job.id, job.owner, 'interrupted', `interrupted: ${why}; the command that waited for it is gone, so it was not re-run (start it again)`);
    } else {
      const from = job.checkpointEpoch === undefined ? '' : `; it will resume from its checkpoint at epoch ${job.checkpointEpoch}`;
      changed = store.requeue(job.id, job.owner, `interrupted during attempt ${job.attempts} (${why}); re-queued${from}`);
    }
    if (changed) recovered.push({ job: store.get(job.id) as JobRecord, why });
  }
  return recovered;
}
