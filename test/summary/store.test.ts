import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SummaryStore } from '../../src/summary/store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pwbot-summary-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const key = { platform: 'slack', channel: 'C1' };

describe('SummaryStore', () => {
  it('keeps checkpoints across a reopen of the database file', () => {
    const file = join(dir, 'summary.sqlite');
    const a = SummaryStore.open(file);
    expect(a.checkpoint(key)).toBeUndefined();
    a.complete(key, new Date('2026-11-02T09:00:00Z'), '1793610000.000100', []);
    a.close();
    const b = SummaryStore.open(file);
    expect(b.checkpoint(key)).toMatchObject({ until: new Date('2026-11-02T09:00:00Z'), postedId: '1793610000.000100' });
    expect(b.checkpoint({ platform: 'discord', channel: 'C1' })).toBeUndefined();
    b.close();
  });

  it('never moves a checkpoint backwards', () => {
    const s = SummaryStore.open(join(dir, 'summary.sqlite'));
    s.complete(key, new Date('2026-11-02T09:00:00Z'), 'a', []);
    s.complete(key, new Date('2026-11-01T09:00:00Z'), 'b', []);
    expect(s.checkpoint(key)?.until.toISOString()).toBe('2026-11-02T09:00:00.000Z');
    s.close();
  });

  it('keeps failures open until a digest reports them', () => {
    const s = SummaryStore.open(join(dir, 'summary.sqlite'));
    const id = s.recordFailure(key, new Date('2026-11-01T09:00:00Z'), new Date('2026-11-02T09:00:00Z'), 'ratelimited');
    s.recordFailure({ platform: 'slack', channel: 'C2' }, new Date(0), new Date(1), 'other channel');
    expect(s.openFailures(key).map((f) => f.error)).toEqual(['ratelimited']);
    s.complete(key, new Date('2026-11-03T09:00:00Z'), 'c', [id]);
    expect(s.openFailures(key)).toEqual([]);
    expect(s.openFailures({ platform: 'slack', channel: 'C2' })).toHaveLength(1);
    s.close();
  });
});
