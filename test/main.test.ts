/**
 * `npm start` without credentials: the console chat comes up, answers, and
 * shuts down cleanly on SIGTERM, SIGINT and end of input; the web page runs
 * beside it and its URL is printed. Every start names its web port (a free
 * one, or off) so that test files running in parallel never collide on 8787.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function startBot(extraEnv: Record<string, string> = { WEB_PORT: 'off' }): { send: (line: string) => void; output: () => string; exited: Promise<number | null>; kill: (signal: NodeJS.Signals) => void; end: () => void } {
  // PRICE_SYNC_SCHEDULE=off: the suite never fetches the live price feeds (npm start would, with stale data).
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', WEB_HOST: '127.0.0.1', PRICE_SYNC_SCHEDULE: 'off', ...extraEnv };
  delete env.WEB_TOKEN;
  for (const key of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID']) delete env[key];
  // What `npm start` runs: the compiled build when current (after npm ci), else the sources through tsx.
  const child = spawn(process.execPath, ['bin/pwbot-start.js'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return {
    send: (line) => child.stdin.write(`${line}\n`),
    output: () => out,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
    end: () => child.stdin.end(),
  };
}

async function waitForOutput(bot: ReturnType<typeof startBot>, text: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!bot.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" in:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start without credentials', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`opens the console chat and exits 0 on ${signal}`, async () => {
      const bot = startBot();
      await waitForOutput(bot, 'pricewar-bot console');
      bot.send('/help');
      await waitForOutput(bot, 'pricewar-bot commands');
      bot.kill(signal);
      expect(await bot.exited).toBe(0);
    });
  }

  it('serves the web page beside the console on a free port, prints its URL, and answers there too', async () => {
    const bot = startBot({ WEB_PORT: '0' });
    await waitForOutput(bot, 'pricewar-bot console');
    await waitForOutput(bot, '(dashboard: ');
    const url = /web chat: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(bot.output())?.[1];
    expect(url).toBeDefined();
    const page = await fetch(url as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/static/chat.js');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrf } = (await (await fetch(new URL('/api/session', url), { headers: { cookie } })).json()) as { csrf: string };
    const sent = await fetch(new URL('/api/messages', url), { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ text: '/help help' }) });
    expect(sent.status).toBe(202);
    bot.send('/help');
    await waitForOutput(bot, 'pricewar-bot commands');
    bot.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('starts no web page with WEB_PORT=off', async () => {
    const bot = startBot({ WEB_PORT: 'off' });
    bot.send('/help help');
    bot.end();
    expect(await bot.exited).toBe(0);
    expect(bot.output()).not.toContain('web chat:');
  });

  it('answers every piped line in order, then exits at end of input', async () => {
    const bot = startBot();
    bot.send('/help help');
    bot.send('/nonexistent');
    bot.end();
    expect(await bot.exited).toBe(0);
    const output = bot.output();
    expect(output.indexOf('/help [command]')).toBeLessThan(output.indexOf('There is no /nonexistent command'));
  });
});
