/**
 * `npm start` without credentials: the console chat comes up, answers, and
 * shuts down cleanly on SIGTERM, SIGINT and end of input.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function startBot(): { send: (line: string) => void; output: () => string; exited: Promise<number | null>; kill: (signal: NodeJS.Signals) => void; end: () => void } {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const key of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID']) delete env[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
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
