import { describe, expect, it } from 'vitest';
import { AckFirstWorkQueue } from '../../../src/adapters/slack/work-queue.js';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('AckFirstWorkQueue', () => {
  it('runs at most `concurrency` tasks at once, in arrival order, and none inside the caller', async () => {
    const queue = new AckFirstWorkQueue({ concurrency: 3 });
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const all = Array.from({ length: 10 }, (_, i) =>
      queue.run(async () => {
        started.push(i);
        running++;
        peak = Math.max(peak, running);
        await tick(5);
        running--;
      }),
    );
    expect(started).toEqual([]);
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
    expect(queue.active).toBe(0);
  });

  it('holds new work while acks are pending, then starts it', async () => {
    let pending = 1;
    const queue = new AckFirstWorkQueue({ concurrency: 4, acksPending: () => pending, maxHoldMs: 10_000 });
    let ran = false;
    const done = queue.run(async () => {
      ran = true;
    });
    await tick(30);
    expect(ran).toBe(false);
    expect(queue.queued).toBe(1);
    pending = 0;
    await done;
    expect(ran).toBe(true);
  });

  it('waits for a quiet moment: no work starts until no request has arrived for quietMs', async () => {
    let last = performance.now();
    const queue = new AckFirstWorkQueue({ concurrency: 1, acksPending: () => 0, lastArrival: () => last, quietMs: 40, maxHoldMs: 10_000 });
    let ran = false;
    const done = queue.run(async () => {
      ran = true;
    });
    // Requests keep arriving every 10 ms (none pending in between): the work waits.
    for (let i = 0; i < 5; i++) {
      await tick(10);
      last = performance.now();
    }
    expect(ran).toBe(false);
    await done;
    expect(performance.now() - last).toBeGreaterThanOrEqual(39);
  });

  it('never starves work: after maxHoldMs it starts even with acks pending', async () => {
    const queue = new AckFirstWorkQueue({ concurrency: 1, acksPending: () => 1, maxHoldMs: 20 });
    const t0 = performance.now();
    await queue.run(async () => undefined);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
  });

  it('a task that throws or rejects frees its slot and rejects its own promise only', async () => {
    const queue = new AckFirstWorkQueue({ concurrency: 1 });
    const a = queue.run(() => {
      throw new Error('sync');
    });
    const b = queue.run(async () => {
      throw new Error('async');
    });
    const c = queue.run(async () => undefined);
    await expect(a).rejects.toThrow('sync');
    await expect(b).rejects.toThrow('async');
    await expect(c).resolves.toBeUndefined();
  });
});
