/**
 * Slack ack latency under load: 200 signed slash commands fired at once on
 * loopback, at the real adapter (Bolt + router + a trivial command, whose
 * answers go to the fake Web API) and, in the same run, at a bare Bolt app
 * that only acks. The ratio is what the bot adds before the ack; the count
 * that missed Slack's 3-second deadline must be 0. The fake Slack and the
 * sender of the 200 commands run in child processes, as the real Slack is
 * remote: their work is not the bot's, and the bot's work after an ack is not
 * charged to the sender's stopwatch.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, HTTPReceiver } from '@slack/bolt';
import { z } from 'zod';
import { SlackAdapter } from '../src/adapters/slack/index.js';
import { loadConfig } from '../src/config.js';
import { Bot } from '../src/core/bot.js';
import { defineCommand } from '../src/core/command.js';
import { CommandRegistry } from '../src/core/registry.js';
import { createLogger } from '../src/logging.js';
import { createInterface } from 'node:readline';
import { fmtMs, fmtRatio, summarize, type Bench, type Stats } from './lib.js';

const SECRET = 'bench-signing-secret';

interface RemoteFake {
  readonly url: string;
  readonly apiUrl: string;
  readonly botToken: string;
  readonly botId: string;
  readonly botUserId: string;
  count(method: string): Promise<number>;
  close(): Promise<void>;
}

/** test/fakes/slack-serve.ts --quiet in a child process. */
async function startRemoteFake(): Promise<RemoteFake> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fakes/slack-serve.ts', '--quiet', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`the fake Slack exited (${code})`)));
  });
  const info = JSON.parse(first) as Omit<RemoteFake, 'count' | 'close'>;
  return {
    ...info,
    count: async (method) => ((await (await fetch(`${info.url}/_fake/count/${method}`)).json()) as { count: number }).count,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
const CONCURRENT = 200;
const DEADLINE_MS = 3_000;

/** Fires `n` signed commands at once from a child process (see bench/slack-sender.ts). */
async function burst(url: string, fake: RemoteFake, n: number): Promise<{ stats: Stats; missed: number; failed: number }> {
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'bench/slack-sender.ts', url, String(n), SECRET, `${fake.url}/response/unused`], { encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
  const results = (JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as { status: number; ms: number | null }[]).map((r) => ({ status: r.status, ms: r.ms ?? Number.POSITIVE_INFINITY }));
  const ok = results.filter((r) => r.status === 200);
  return { stats: summarize(ok.map((r) => r.ms)), missed: results.filter((r) => !(r.ms < DEADLINE_MS) || r.status !== 200).length, failed: results.length - ok.length };
}

async function ours(fake: RemoteFake, dataDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const config = loadConfig({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, SLACK_PORT: '0', DATA_DIR: dataDir }, undefined);
  const log = createLogger({ level: 'silent' });
  const echo = defineCommand({
    name: 'echo',
    description: 'echo',
    examples: ['/echo hi'],
    args: z.object({ words: z.array(z.string()).min(1).transform((w) => w.join(' ')) }),
    positionals: ['words...'],
    run: (_ctx, { words }) => ({ text: `echo: ${words}` }),
  });
  const bot = new Bot({ config, log, commands: new CommandRegistry([{ definition: echo, source: 'bench' }]) });
  const adapter = new SlackAdapter({ config, log, host: '127.0.0.1', retryPolicy: { retries: 0 } });
  await bot.attach(adapter);
  return { url: `http://127.0.0.1:${adapter.port}/slack/events`, close: () => bot.shutdown() };
}

async function bare(fake: RemoteFake): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new App({
    token: fake.botToken,
    botId: fake.botId,
    botUserId: fake.botUserId,
    tokenVerificationEnabled: false,
    receiver: new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events' }),
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} },
  });
  app.command(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, close: async () => void (await app.stop()) };
}

export default async function slackBench(bench: Bench): Promise<void> {
  const fake = await startRemoteFake();
  const dataDir = await mkdtemp(join(tmpdir(), 'pwbot-slack-bench-'));
  // Short bursts: even --quick alternates three rounds, so that one unlucky moment of load does not decide the ratio.
  const rounds = bench.quick ? 3 : 5;
  const results: { ours: Awaited<ReturnType<typeof burst>>[]; bare: Awaited<ReturnType<typeof burst>>[] } = { ours: [], bare: [] };
  let delivered = Number.NaN;
  try {
    const mine = await ours(fake, dataDir);
    const plain = await bare(fake);
    try {
      await burst(mine.url, fake, 20); // warm-up: JIT, first auth, SQLite
      await burst(plain.url, fake, 20);
      for (let round = 0; round < rounds; round++) {
        // Alternate which goes first so neither always meets a warmer machine.
        const order = round % 2 === 0 ? (['bare', 'ours'] as const) : (['ours', 'bare'] as const);
        for (const which of order) {
          const before = await fake.count('chat.postMessage');
          const started = performance.now();
          results[which].push(await burst(which === 'ours' ? mine.url : plain.url, fake, CONCURRENT));
          if (which === 'ours') {
            const deadline = Date.now() + 60_000;
            while ((await fake.count('chat.postMessage')) - before < CONCURRENT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
            delivered = performance.now() - started;
          }
        }
      }
    } finally {
      await mine.close();
      await plain.close();
    }
  } finally {
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  // The round with the better p50 for each side (the machine is shared; noise only ever adds).
  const best = (runs: Awaited<ReturnType<typeof burst>>[]): Awaited<ReturnType<typeof burst>> => [...runs].sort((a, b) => a.stats.p50Ms - b.stats.p50Ms)[0] as Awaited<ReturnType<typeof burst>>;
  const o = best(results.ours);
  const b = best(results.bare);
  bench.row('slack', `ack latency, ${CONCURRENT} concurrent slash commands: pricewar-bot (p50)`, fmtMs(o.stats.p50Ms), `p99 ${fmtMs(o.stats.p99Ms)}, max ${fmtMs(o.stats.maxMs)}`);
  bench.row('slack', `ack latency, ${CONCURRENT} concurrent slash commands: bare Bolt, ack only (p50)`, fmtMs(b.stats.p50Ms), `p99 ${fmtMs(b.stats.p99Ms)}, max ${fmtMs(b.stats.maxMs)}`);
  bench.row('slack', 'ack latency ratio pricewar-bot / bare Bolt', `${fmtRatio(o.stats.p50Ms / b.stats.p50Ms)} p50`, `${fmtRatio(o.stats.p99Ms / b.stats.p99Ms)} p99`);
  bench.row('slack', `slash commands that missed Slack's 3 s ack deadline`, `${Math.max(...results.ours.map((r) => r.missed))} of ${CONCURRENT}`, `bare Bolt: ${Math.max(...results.bare.map((r) => r.missed))}; failed requests: ${o.failed}`);
  bench.row('slack', `${CONCURRENT} answers posted (chat.postMessage at the fake), from the first request`, fmtMs(delivered), 'fake Web API in a child process');
}
