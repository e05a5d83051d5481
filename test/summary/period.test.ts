import { describe, expect, it } from 'vitest';
import { formatLocal, parseSince, PeriodError } from '../../src/summary/period.js';

const NOW = new Date('2026-11-02T10:00:00Z');

describe('parseSince', () => {
  it('counts durations back from the reference time', () => {
    expect(parseSince('24h', NOW, 'UTC').toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(parseSince('90m', NOW, 'UTC').toISOString()).toBe('2026-11-02T08:30:00.000Z');
    expect(parseSince('7d', NOW, 'UTC').toISOString()).toBe('2026-10-26T10:00:00.000Z');
    expect(parseSince('2w', NOW, 'UTC').toISOString()).toBe('2026-10-19T10:00:00.000Z');
  });

  it('reads a date as midnight in the summary time zone', () => {
    expect(parseSince('2026-11-01', NOW, 'UTC').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('2026-11-01', NOW, 'Asia/Shanghai').toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(parseSince('2026-11-01T09:30', NOW, 'Asia/Shanghai').toISOString()).toBe('2026-11-01T01:30:00.000Z');
    // Across a DST change: New York is UTC-4 on Nov 1 2026 at midnight (DST ends at 2:00).
    expect(parseSince('2026-11-01', NOW, 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(parseSince('2026-11-01T09:00:00Z', NOW, 'Asia/Shanghai').toISOString()).toBe('2026-11-01T09:00:00.000Z');
  });

  it('rejects what it cannot read, saying what is accepted', () => {
    for (const bad of ['yesterday', '24', '2026-13-01', '2026-02-30', '0h', '2026/11/01']) {
      expect(() => parseSince(bad, NOW, 'UTC')).toThrow(PeriodError);
    }
    expect(() => parseSince('soon', NOW, 'UTC')).toThrow(/24h.*2026-11-01/);
  });

  it('formats times in the zone', () => {
    expect(formatLocal(new Date('2026-10-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-01 00:00');
  });
});
