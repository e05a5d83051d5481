import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slackInboundFile, slashCommandLine } from '../../../src/adapters/slack/inbound.js';
import { BOT_EVENTS, BOT_SCOPES, buildManifest } from '../../../src/adapters/slack/manifest.js';
import { openSlackState, slackStateFile } from '../../../src/adapters/slack/state.js';
import { UserError } from '../../../src/core/errors.js';

describe('slash command → core line', () => {
  it('maps /<prefix><name> to /<name>, keeping escaped references resolvable', () => {
    expect(slashCommandLine('', '/pricewar', 'cuts --provider baidu')).toBe('/pricewar cuts --provider baidu');
    expect(slashCommandLine('pw-', '/pw-summary', '<#C1|general> --since 7d')).toBe('/summary <#C1|general> --since 7d');
    expect(slashCommandLine('pw-', '/pw-help', '')).toBe('/help');
    expect(slashCommandLine('pw-', '/help', '')).toBeUndefined();
    expect(slashCommandLine('', '/ask', 'is 1 &lt; 2?')).toBe('/ask is 1 < 2?');
    // Any name reaches the core, which explains unknown ones (an unmatched command would never be acked).
    expect(slashCommandLine('', '/my_cmd', 'x')).toBe('/my_cmd x');
  });
});

describe('inbound files', () => {
  async function serve(body: Buffer, headers: Record<string, string>): Promise<{ url: string; auth: string[]; close: () => Promise<void> }> {
    const auth: string[] = [];
    const server = createServer((req, res) => {
      auth.push(req.headers.authorization ?? '');
      res.writeHead(200, headers);
      // Chunked (no content-length): the cap must hold while streaming.
      res.write(body.subarray(0, body.length / 2));
      res.end(body.subarray(body.length / 2));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/f.csv`;
    return { url, auth, close: () => new Promise((r) => server.close(() => r())) };
  }

  it('downloads with the bot token and stops reading past the cap', async () => {
    const body = Buffer.alloc(10_000, 'x');
    const server = await serve(body, { 'content-type': 'text/csv' });
    try {
      const file = slackInboundFile({ name: 'f.csv', url_private_download: server.url }, { token: 'xoxb-t', maxBytes: 20_000, trustedOrigins: [new URL(server.url).origin] });
      expect((await file.read(50_000)).byteLength).toBe(10_000);
      expect(server.auth[0]).toBe('Bearer xoxb-t');
      await expect(file.read(4_000)).rejects.toThrow(/f\.csv is more than [\d,]+ bytes; the limit is 4,000 bytes/);
      const capped = slackInboundFile({ name: 'f.csv', url_private_download: server.url }, { token: 'xoxb-t', maxBytes: 1_000, trustedOrigins: [new URL(server.url).origin] });
      await expect(capped.read(50_000)).rejects.toBeInstanceOf(UserError);
    } finally {
      await server.close();
    }
  });

  it('never sends the token to a host that is not Slack’s, and explains a missing files:read scope', async () => {
    const server = await serve(Buffer.from('<html>sign in</html>'), { 'content-type': 'text/html' });
    try {
      const foreign = slackInboundFile({ name: 'f.csv', url_private: server.url }, { token: 'xoxb-t', maxBytes: 1_000, trustedOrigins: ['https://files.slack.com'] });
      await expect(foreign.read(1_000)).rejects.toThrow(/not hosted by Slack/);
      expect(server.auth).toHaveLength(0);
      const login = slackInboundFile({ name: 'f.csv', mimetype: 'text/csv', url_private: server.url }, { token: 'xoxb-t', maxBytes: 1_000, trustedOrigins: [new URL(server.url).origin] });
      await expect(login.read(1_000)).rejects.toThrow(/files:read/);
    } finally {
      await server.close();
    }
  });
});

describe('answered threads and seen events', () => {
  it('persist in DATA_DIR/slack.sqlite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pwbot-slack-state-'));
    try {
      const first = openSlackState(slackStateFile(dir));
      expect(first.fallbackReason).toBeUndefined();
      expect(first.state.claim('event:Ev1')).toBe(true);
      expect(first.state.claim('event:Ev1')).toBe(false);
      first.state.rememberThread('C1', '1.000001');
      first.state.close();
      const second = openSlackState(slackStateFile(dir)).state;
      expect(second.claim('event:Ev1')).toBe(false);
      expect(second.isAnsweredThread('C1', '1.000001')).toBe(true);
      expect(second.isAnsweredThread('C1', '2.000001')).toBe(false);
      second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('app manifest', () => {
  it('is generated from the registry: visible commands with the prefix, HTTP URLs when asked', () => {
    const commands = [
      { name: 'ask', description: 'Ask', examples: ['/ask why?'] },
      { name: 'feedback', description: 'Internal', examples: ['/feedback 1 up'], hidden: true },
    ];
    const socket = buildManifest({ commands, prefix: 'pw-' });
    expect(socket).toContain('- command: /pw-ask');
    expect(socket).toContain('usage_hint: "why?"');
    expect(socket).not.toContain('feedback');
    expect(socket).toContain('socket_mode_enabled: true');
    expect(socket).not.toContain('url:');
    const http = buildManifest({ commands, requestUrl: 'https://bot.example.com/slack/events' });
    expect(http.match(/url: "https:\/\/bot\.example\.com\/slack\/events"/g)).toHaveLength(3);
    expect(http).toContain('socket_mode_enabled: false');
  });

  it('slack/manifest.yml has the issue’s commands and every scope and event the adapter uses', async () => {
    const manifest = await readFile('slack/manifest.yml', 'utf8');
    for (const command of ['ask', 'pricewar', 'train', 'summary', 'help']) expect(manifest).toContain(`- command: /${command}\n`);
    for (const scope of Object.keys(BOT_SCOPES)) expect(manifest).toContain(`      - ${scope}\n`);
    for (const event of BOT_EVENTS) expect(manifest).toContain(`      - ${event}\n`);
  });
});
