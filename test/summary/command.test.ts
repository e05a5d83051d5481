import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import summaryCommand from '../../commands/summary.js';
import type { CliJson } from '../../src/adapters/cli/adapter.js';
import { runCli } from '../../src/entry/cli.js';
import { loadConfig } from '../../src/config.js';
import type { InboundFile, Platform } from '../../src/core/message.js';
import { recordingResponder, testAdapter, testBot, testMessage } from '../fakes/bot.js';
import { EN_FIXTURE, ZH_FIXTURE } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pwbot-summary-cmd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bot(env: Record<string, string> = {}) {
  return testBot([summaryCommand], { config: loadConfig({ DATA_DIR: dir, ...env }, undefined) });
}
/** A message through a test adapter with the platform's capabilities (the real CLI's for 'cli', a workspace's for 'slack'). */
async function say(text: string, options: { platform?: Platform; files?: InboundFile[]; env?: Record<string, string> } = {}) {
  const platform = options.platform ?? 'cli';
  return bot(options.env).handle(testMessage(text, { platform, ...(options.files ? { files: options.files } : {}) }), recordingResponder(), { adapter: testAdapter(platform) });
}
const data = (o: { reply: { data?: Record<string, unknown> } }) => o.reply.data as Record<string, any>;

describe('/summary --file', () => {
  it('summarises the English transcript with topics, linked highlights and open questions', async () => {
    const out = await say(`/summary --file ${EN_FIXTURE}`);
    expect(out.ok).toBe(true);
    const d = data(out);
    expect(d.topics[0].title).toMatch(/DeepSeek/);
    expect(d.highlights.length).toBe(3);
    for (const h of d.highlights) expect(h.link).toMatch(/^https:\/\/pricewar-team\.slack\.com\/archives\/C07PRICING\/p\d+/);
    expect(d.unanswered[0].text).toMatch(/Claude Haiku/);
    expect(out.reply.title).toBe('Summary of summary-en-llm-pricing.jsonl');
    expect(out.reply.text).toContain('**Main topics**');
    expect(out.reply.text).toContain(`[link](${d.highlights[0].link})`);
    expect(out.reply.text).toContain('**Bot activity**');
  });

  it('writes the digest in Chinese for the Chinese channel, or in the language asked for', async () => {
    const zh = await say(`/summary --file ${ZH_FIXTURE} --length full`);
    expect(zh.reply.text).toContain('**主要话题**');
    expect(zh.reply.text).toContain('**待解答的问题**');
    expect(data(zh).topics.length).toBeGreaterThan(3);
    const en = await say(`/summary --file ${ZH_FIXTURE} --lang en`);
    expect(en.reply.text).toContain('**Main topics**');
    expect(en.reply.text).toContain('豆包');
  });

  it('counts --since back from the transcript\'s last message', async () => {
    const out = await say(`/summary --file ${EN_FIXTURE} --since 30m`);
    const d = data(out);
    expect(d.period.until).toBe('2026-11-02T10:46:32.000Z');
    expect(d.period.since).toBe('2026-11-02T10:16:32.000Z');
    expect(d.stats.total).toBe(4);
  });

  it('reports bad lines with their numbers and summarises the rest', async () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, '{"ts":"1793523600.000100","user":"U1","text":"DeepSeek cut the V3 price in half today"}\nnot json\n{"ts":"1793523660.000100","text":"no user"}\n{"ts":"1793523720.000100","user":"U2","text":"The DeepSeek V3 price cut beats our own cluster"}\n');
    const out = await say(`/summary --file ${file}`);
    expect(out.ok).toBe(true);
    expect(data(out).problems).toEqual([
      { line: 2, reason: expect.stringMatching(/not valid JSON/) },
      { line: 3, reason: 'user: missing' },
    ]);
    expect(out.reply.text).toMatch(/Skipped 2 bad lines: line 2 \(not valid JSON.*line 3 \(user: missing\)/);
  });

  it('refuses a file with no valid line, an empty file and a missing file with a clear message', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"ts":1}\n[1,2]\n');
    const out = await say(`/summary --file ${bad}`);
    expect(out.ok).toBe(false);
    expect(out.reply.text).toMatch(/no line is a valid message \(line 1: .*line 2: /);
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n');
    expect((await say(`/summary --file ${empty}`)).reply.text).toMatch(/it is empty/);
    const missing = await say(`/summary --file ${join(dir, 'nope.jsonl')}`);
    expect(missing.ok).toBe(false);
    expect(missing.error?.code).toBe('not_found');
  });

  it('words a --since the period cannot read with the option, as typed', async () => {
    const out = await say(`/summary --file ${EN_FIXTURE} --since 2026-02-30`);
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('bad_arguments');
    expect(out.reply.text).toContain('--since "2026-02-30" is not a real date; use a duration like 90m, 24h');
  });

  it('caps the number of messages and says so', async () => {
    const out = await say(`/summary --file ${EN_FIXTURE}`, { env: { SUMMARY_MAX_MESSAGES: '10' } });
    expect(data(out).truncated).toBe(true);
    expect(data(out).stats.total).toBe(10);
    expect(out.reply.text).toMatch(/Read only the newest 10 messages \(SUMMARY_MAX_MESSAGES\)/);
  });

  it('reads a path only in the console and CLI; on a platform a .jsonl attachment works instead', async () => {
    const refused = await say(`/summary --file ${EN_FIXTURE}`, { platform: 'slack' });
    expect(refused.ok).toBe(false);
    expect(refused.reply.text).toMatch(/only in the console and the pwbot CLI.*Attach/);
    const { readFileSync } = await import('node:fs');
    const attachment: InboundFile = { name: 'export.jsonl', size: 0, read: async () => readFileSync(EN_FIXTURE) };
    const attached = await say('/summary', { platform: 'slack', files: [attachment] });
    expect(attached.ok).toBe(true);
    expect(data(attached).file).toBe('export.jsonl');
  });
});

describe('/summary without a history', () => {
  it('says the CLI cannot read a channel and points to --file', async () => {
    const out = await say('/summary');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('unsupported');
    expect(out.reply.text).toMatch(/cannot read channel history on cli: use `\/summary --file <transcript\.jsonl>`/);
  });

  it('rejects a bad --since, --lang or --length saying what is accepted', async () => {
    const since = await say('/summary --since yesterday');
    expect(since.error?.code).toBe('bad_arguments');
    expect(since.reply.text).toMatch(/24h.*2026-11-01/);
    expect((await say('/summary --lang fr')).reply.text).toMatch(/zh|en/);
    expect((await say('/summary --length medium')).reply.text).toMatch(/short|full/);
  });
});

describe('pwbot CLI', () => {
  it('prints data.topics, data.highlights (with links) and data.unanswered with --json', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    const errors: Buffer[] = [];
    stderr.on('data', (c: Buffer) => errors.push(c));
    const code = await runCli([`/summary --file ${EN_FIXTURE}`, '--json'], { stdout, stderr, env: { DATA_DIR: dir, OUT_DIR: dir, LOG_LEVEL: 'silent' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(Buffer.concat(errors).toString('utf8')).toBe('');
    const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CliJson;
    expect(code).toBe(0);
    expect(json.command).toBe('summary');
    const d = json.data as Record<string, any>;
    expect(d.topics.length).toBeGreaterThan(0);
    expect(d.highlights.every((h: { link: string }) => h.link.startsWith('https://'))).toBe(true);
    expect(d.unanswered.length).toBeGreaterThan(0);
  });
});
