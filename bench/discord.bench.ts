/**
 * Discord: how fast an interaction is acknowledged (deferReply, Discord's
 * 3-second rule) and answered, through our adapter + router, against a bare
 * discord.js client that only defers and edits — each against its own fake
 * Discord on 127.0.0.1, one interaction at a time and in concurrent bursts.
 * Plus the CPU cost of rendering a reply that needs splitting. Both clients
 * share @discordjs/rest's global limit of 50 requests a second (Discord's),
 * which is what bursts of answers wait for.
 */
// Through the adapter's loader: another bench may have loaded vega-lite already (see set-tojson-guard.ts).
import { Client, Events, GatewayIntentBits } from '../src/adapters/discord/discord-js.js';
import { z } from 'zod';
import { DiscordAdapter } from '../src/adapters/discord/adapter.js';
import { ActionIds } from '../src/adapters/discord/buttons.js';
import { renderReply } from '../src/adapters/discord/render.js';
import { generateSlashCommands } from '../src/adapters/discord/slash-commands.js';
import { loadConfig } from '../src/config.js';
import { Bot } from '../src/core/bot.js';
import { defineCommand } from '../src/core/command.js';
import { CommandRegistry } from '../src/core/registry.js';
import { createLogger } from '../src/logging.js';
import { startFakeDiscord, type FakeDiscord } from '../test/fakes/discord.js';
import { fmtMs, fmtRatio, measure, summarize, type Bench, type Stats } from './lib.js';

const commands = new CommandRegistry([
  {
    source: 'bench',
    definition: defineCommand({
      name: 'price',
      description: 'bench command',
      examples: ['/price qwen --tokens 5'],
      args: z.object({ model: z.string(), tokens: z.number().int().min(1).max(1_000_000) }),
      positionals: ['model'],
      run: (_ctx, a) => ({ title: `Price of ${a.model}`, text: `${a.tokens} tokens`, fields: [{ label: 'tokens', value: String(a.tokens) }] }),
    }),
  },
]);

interface Timing {
  readonly ack: Stats;
  readonly answered: Stats;
}

/** Dispatch `count` interactions `concurrency` at a time; time dispatch → defer, and dispatch → first edit. */
async function drive(discord: FakeDiscord, count: number, concurrency: number): Promise<Timing> {
  const acks: number[] = [];
  const answers: number[] = [];
  for (let done = 0; done < count; done += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - done) }, () => discord.interact({ name: 'price', options: [{ name: 'model', type: 3, value: 'qwen' }, { name: 'tokens', type: 4, value: 5 }] }));
    const edited = (id: string | undefined): number | undefined => (id === undefined ? undefined : discord.messages.get(id)?.firstEditAtMs);
    await discord.waitFor(() => batch.every((i) => edited(i.originalMessageId) !== undefined), 'every answer', 30_000);
    for (const interaction of batch) {
      acks.push((interaction.acknowledgedAtMs ?? Number.NaN) - interaction.dispatchedAtMs);
      answers.push((edited(interaction.originalMessageId) ?? Number.NaN) - interaction.dispatchedAtMs);
    }
  }
  return { ack: summarize(acks), answered: summarize(answers) };
}

async function ours(): Promise<{ discord: FakeDiscord; close: () => Promise<void> }> {
  const discord = await startFakeDiscord();
  discord.registerCommands(generateSlashCommands(commands), discord.guildId);
  const adapter = new DiscordAdapter({ token: discord.token, apiUrl: discord.apiUrl, messageContent: false, maxAttachmentBytes: 1_000_000, rest: { retries: 0 } }, createLogger({ level: 'silent' }), commands);
  const bot = new Bot({ config: loadConfig({}, undefined), log: createLogger({ level: 'silent' }), commands });
  await bot.attach(adapter);
  return { discord, close: async () => (await bot.shutdown(), await discord.close()) };
}

async function bare(): Promise<{ discord: FakeDiscord; close: () => Promise<void> }> {
  const discord = await startFakeDiscord();
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl, retries: 0 } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    void interaction.deferReply().then(() => interaction.editReply({ embeds: [{ title: `Price of ${interaction.options.getString('model') ?? ''}`, description: '5 tokens' }] }));
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(discord.token);
  await ready;
  return { discord, close: async () => (await client.destroy(), await discord.close()) };
}

export default async function discordBench(bench: Bench): Promise<void> {
  const sequential = bench.quick ? 30 : 200;
  const burst = bench.quick ? 20 : 50;
  const bursts = bench.quick ? 2 : 6;
  const a = await ours();
  const b = await bare();
  try {
    await drive(a.discord, 10, 1);
    await drive(b.discord, 10, 1);
    const oursSeq = await drive(a.discord, sequential, 1);
    const bareSeq = await drive(b.discord, sequential, 1);
    const oursBurst = await drive(a.discord, burst * bursts, burst);
    const bareBurst = await drive(b.discord, burst * bursts, burst);
    const row = (name: string, o: Stats, r: Stats): void =>
      bench.row('discord', name, `${fmtMs(o.p50Ms)} / ${fmtMs(r.p50Ms)}`, `ours/bare p50 ${fmtRatio(o.p50Ms / r.p50Ms)}; p99 ${fmtMs(o.p99Ms)} / ${fmtMs(r.p99Ms)}; n=${o.n}`);
    row('interaction → deferReply, one at a time (ours / bare discord.js)', oursSeq.ack, bareSeq.ack);
    row(`interaction → deferReply, bursts of ${burst} (ours / bare)`, oursBurst.ack, bareBurst.ack);
    row('interaction → answer edited in, one at a time (ours / bare)', oursSeq.answered, bareSeq.answered);
    row(`interaction → answer edited in, bursts of ${burst} (ours / bare)`, oursBurst.answered, bareBurst.answered);
  } finally {
    await a.close();
    await b.close();
  }

  const ids = new ActionIds();
  const long = {
    title: 'Everything',
    text: 'The price war keeps going. '.repeat(400),
    fields: Array.from({ length: 30 }, (_, i) => ({ label: `Field ${i}`, value: `value ${i}` })),
    table: { columns: ['model', 'price'], rows: Array.from({ length: 200 }, (_, i) => [`model-${i}`, i / 10]) },
    citations: Array.from({ length: 20 }, (_, i) => ({ title: `Source ${i}`, url: `https://example.com/${i}` })),
  };
  const render = await measure(() => renderReply(long, { actionIds: ids }), { iterations: bench.quick ? 200 : 2_000, warmup: 50 });
  const plain = await measure(() => renderReply({ text: 'short answer' }, { actionIds: ids }), { iterations: bench.quick ? 2_000 : 20_000, warmup: 200 });
  bench.row('discord', 'render a reply split over several messages (p50)', fmtMs(render.p50Ms), `p99 ${fmtMs(render.p99Ms)}; vs a one-line reply ${fmtMs(plain.p50Ms)}`);
}
