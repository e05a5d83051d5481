import { describe, expect, it } from 'vitest';
import { describeProblems, parseTimestamp, parseTranscript } from '../../src/summary/transcript.js';
import { EN_FIXTURE, loadFixture, ZH_FIXTURE } from './helpers.js';

describe('parseTranscript', () => {
  it('loads the fixtures: threads, bots and joins are recognised', () => {
    for (const file of [EN_FIXTURE, ZH_FIXTURE]) {
      const messages = loadFixture(file);
      expect(messages.length).toBeGreaterThan(25);
      expect(messages.some((m) => m.threadId !== undefined)).toBe(true);
      expect(messages.some((m) => m.isBot)).toBe(true);
      expect(messages.some((m) => m.isSystem)).toBe(true);
      expect(messages.every((m) => m.permalink?.startsWith('https://'))).toBe(true);
      const times = messages.map((m) => m.ts.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('reads reply_to, the message a line replies to', () => {
    const t = parseTranscript(['{"ts":"1793523600.000100","user":"U1","text":"Is the Haiku batch endpoint in eu-west?"}', '{"ts":"1793609999.000100","user":"U2","text":"yes, since Tuesday","reply_to":"1793523600.000100"}'].join('\n'));
    expect(t.problems).toEqual([]);
    expect(t.messages[1]?.replyTo).toBe('1793523600.000100');
    expect(t.messages[0]?.replyTo).toBeUndefined();
  });

  it('reports each bad line with its number and keeps the good ones', () => {
    const content = [
      '{"ts":"1793523600.000100","user":"U1","text":"first"}',
      '{"ts":"1793523700.000100","user":"U2","text":"broken',
      '',
      '{"user":"U3","text":"no ts"}',
      '["an","array"]',
      '{"ts":"yesterday","user":"U4","text":"bad ts"}',
      '{"ts":"1793523800.000100","user":"U5","text":"bad link","permalink":"javascript:alert(1)"}',
      '{"ts":1793523900,"user":"U6","text":"numeric ts, in a thread","thread_ts":"1793523600.000100"}',
    ].join('\n');
    const t = parseTranscript(content);
    expect(t.messages.map((m) => m.user)).toEqual(['U1', 'U6']);
    expect(t.problems.map((p) => p.line)).toEqual([2, 4, 5, 6, 7]);
    expect(t.problems[0]?.reason).toMatch(/not valid JSON/);
    expect(t.problems[1]?.reason).toMatch(/ts: missing/);
    expect(t.problems[2]?.reason).toMatch(/JSON object/);
    expect(t.problems[3]?.reason).toMatch(/epoch seconds/);
    expect(t.problems[4]?.reason).toMatch(/permalink/);
    expect(t.lines).toBe(7);
    expect(t.messages[1]?.threadId).toBe('1793523600.000100');
    expect(describeProblems(t.problems, 2)).toBe(`line 2: ${t.problems[0]?.reason}; line 4: ${t.problems[1]?.reason}; and 3 more`);
  });

  it('handles a BOM, CRLF line ends, Slack roots (thread_ts = ts), subtypes and bot ids', () => {
    const t = parseTranscript(
      '\uFEFF{"ts":"1793523600.000100","user":"U1","text":"root","thread_ts":"1793523600.000100"}\r\n' +
        '{"ts":"1793523601.000100","user":"U2","text":"<@U2> has joined the channel","subtype":"channel_join"}\r\n' +
        '{"ts":"1793523602.000100","user":"B1","text":"deploy finished","bot_id":"B1"}\r\n',
    );
    expect(t.problems).toEqual([]);
    expect(t.messages[0]?.threadId).toBeUndefined();
    expect(t.messages[1]?.isSystem).toBe(true);
    expect(t.messages[2]?.isBot).toBe(true);
  });

  it('never throws on garbage', () => {
    for (const junk of ['', '\n\n', 'null', '{}', '\u0000\u0001', 'x'.repeat(10_000)]) {
      expect(() => parseTranscript(junk)).not.toThrow();
    }
  });
});

describe('parseTimestamp', () => {
  it('reads Slack ts, seconds, milliseconds and ISO dates', () => {
    expect(parseTimestamp('1793523600.000100')?.toISOString()).toBe('2026-11-01T09:00:00.000Z');
    expect(parseTimestamp(1793523600)?.toISOString()).toBe('2026-11-01T09:00:00.000Z');
    expect(parseTimestamp(1793523600000)?.toISOString()).toBe('2026-11-01T09:00:00.000Z');
    expect(parseTimestamp('2026-11-01T09:00:00+08:00')?.toISOString()).toBe('2026-11-01T01:00:00.000Z');
    expect(parseTimestamp('12')).toBeUndefined();
    expect(parseTimestamp('soon')).toBeUndefined();
  });
});
