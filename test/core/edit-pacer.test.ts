import { describe, expect, it } from 'vitest';
import { EditPacer } from '../../src/core/edit-pacer.js';

describe('EditPacer: training progress', () => {
  it('sends at most once per interval, keeps only the latest, and sends the final one last', async () => {
    const sent: { value: number; at: number }[] = [];
    const t0 = Date.now();
    const throttle = new EditPacer<number>(async (value) => void sent.push({ value, at: Date.now() - t0 }), { intervalMs: 100, onError: (e) => { throw e; }, startDelayed: true });
    for (let i = 1; i <= 5; i++) throttle.push(i);
    await new Promise((r) => setTimeout(r, 150));
    for (let i = 6; i <= 9; i++) throttle.push(i);
    await new Promise((r) => setTimeout(r, 100));
    throttle.push(10); // superseded by the final update
    await throttle.finish(99);
    throttle.push(100); // after the final update: ignored
    await new Promise((r) => setTimeout(r, 150));
    expect(sent.map((s) => s.value)).toEqual([5, 9, 99]);
    expect(sent[0]!.at).toBeGreaterThanOrEqual(95); // the first waits a full interval after the post
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(95);
  });

  it('reports a failed send and carries on', async () => {
    const errors: unknown[] = [];
    const sent: number[] = [];
    const throttle = new EditPacer<number>(
      async (v) => {
        if (v === 1) throw new Error('rate limited');
        sent.push(v);
      },
      { intervalMs: 10, onError: (e) => errors.push(e) },
    );
    throttle.push(1);
    await new Promise((r) => setTimeout(r, 30));
    await throttle.finish(2);
    expect(sent).toEqual([2]);
    expect(errors).toHaveLength(1);
  });
});

describe('EditPacer: Slack message edits', () => {
  it('coalesces interim edits, spaces edits, and sends the final one last', async () => {
    const sent: { text: string; at: number }[] = [];
    const throttle = new EditPacer<{ text: string }>(async (v) => void sent.push({ text: v.text, at: Date.now() }), { intervalMs: 100, onError: () => undefined });
    throttle.markSent();
    for (let i = 1; i <= 20; i++) throttle.push({ text: `p${i}` });
    await new Promise((r) => setTimeout(r, 130));
    for (let i = 21; i <= 25; i++) throttle.push({ text: `p${i}` });
    await throttle.send({ text: 'final' });
    expect(sent.map((s) => s.text)).toEqual(['p20', 'final']);
    expect((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(95);
  });
});
