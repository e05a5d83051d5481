/**
 * Slash commands and buttons end to end: the real discord.js client, the real
 * core router, and the fake Discord recording what the bot sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { Bot } from '../../../src/core/bot.js';
import { createLogger } from '../../../src/logging.js';
import { buttonsOf, isEphemeral, messageProblems, type FakeDiscord, type StoredMessage } from '../../fakes/discord.js';
import { TINY_SPEC } from '../contract.js';
import { chartPng } from '../../../src/adapters/shared/chart-png.js';
import { testCommands, type Call } from './commands.js';
import { setUpDiscord } from './harness.js';

let discord: FakeDiscord;
let bot: Bot;
let calls: Call[];

async function start(options: Parameters<typeof setUpDiscord>[1] = {}): Promise<void> {
  const made = testCommands();
  calls = made.calls;
  const setup = await setUpDiscord(made.commands, options);
  discord = setup.discord;
  bot = new Bot({ config: loadConfig({ MAX_ATTACHMENT_BYTES: '1000' }, undefined), log: createLogger({ level: 'silent' }), commands: made.commands });
  await bot.attach(setup.adapter);
}

const reply = (pattern: RegExp, what = String(pattern)): Promise<StoredMessage> =>
  discord.waitFor(() => discord.botMessages().find((m) => pattern.test(discord.text(m))), what);

afterEach(async () => {
  await bot.shutdown();
  await discord.close();
});

describe('slash commands', () => {
  beforeEach(() => start());

  it('defers at once, then edits the reply into an embed with the chart inside it', async () => {
    const interaction = discord.interact('/price qwen-long --tokens 1000');
    const message = await reply(/Price of qwen-long/);
    const [callback, edit] = [discord.requestsTo('POST', /\/callback$/)[0], discord.requestsTo('PATCH', /@original$/)[0]];
    expect(callback?.body).toMatchObject({ type: 5 });
    // Acknowledged well inside Discord's 3 seconds (the fake would have answered 10062 otherwise).
    expect(callback?.status).toBe(204);
    expect(interaction.acknowledgedAt).toBeDefined();
    expect(discord.requests.indexOf(callback!)).toBeLessThan(discord.requests.indexOf(edit!));
    expect(edit?.files.map((f) => f.filename)).toEqual(['chart.png']);
    const embed = message.embeds[0] as { title: string; image: { url: string }; fields: { name: string; value: string }[] };
    expect(embed.title).toBe('Price of qwen-long');
    expect(embed.image.url).toBe('attachment://chart.png');
    expect(embed.fields.find((f) => f.name === 'Sources')?.value).toContain('[Price list](https://example.com/prices)');
    // The bytes Discord received are exactly the picture drawn from the reply's spec.
    expect(Buffer.from(message.files[0]?.bytes ?? [])).toEqual(Buffer.from(await chartPng({ filename: 'chart.png', spec: TINY_SPEC, title: 'Price trend', alt: '' })));
    expect(message.files[0]?.description).toBe('price falls over time');
    expect(isEphemeral(message)).toBe(false);
    expect(message.edits).toBe(1);
  });

  it('runs an interaction delivered twice (same id) once', async () => {
    const interaction = discord.interact('/price qwen-long --tokens 1000');
    await reply(/Price of qwen-long/);
    discord.redeliverInteraction(interaction);
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.filter((c) => c.command === 'price')).toHaveLength(1);
    expect(discord.requestsTo('POST', /\/callback$/)).toHaveLength(1);
    expect(discord.botMessages().filter((m) => /Price of qwen-long/.test(discord.text(m)))).toHaveLength(1);
  });

  it('binds every kind of option into the command schema', async () => {
    discord.interact({
      name: 'price',
      options: [
        { name: 'model', type: 3, value: 'ernie-speed' },
        { name: 'tokens', type: 4, value: 250 },
        { name: 'discount', type: 10, value: 0.25 },
        { name: 'cached', type: 5, value: true },
        { name: 'regions', type: 3, value: 'cn,us' },
        { name: 'note', type: 3, value: 'cheap "and" --fast key=value' },
      ],
    });
    await reply(/Price of ernie-speed/);
    expect(calls[0]?.args).toEqual({ model: 'ernie-speed', tokens: 250, discount: 0.25, cached: true, regions: ['cn', 'us'], note: 'cheap "and" --fast key=value' });
    expect(calls[0]?.user).toBe(discord.defaultUser.id);
    expect(calls[0]?.userName).toBe('Alice');
  });

  it('maps sub-commands, and the command’s own form to the `run` sub-command', async () => {
    discord.interact('/jobs status 5');
    await reply(/job 5 is running/);
    discord.interact({ name: 'jobs', options: [{ name: 'run', type: 1, options: [{ name: 'all', type: 5, value: false }] }] });
    await reply(/job list \(all=false\)/);
    expect(calls.map((c) => [c.command, c.args])).toEqual([['jobs status', { id: 5 }], ['jobs', { all: false }]]);
  });

  it('answers an invalid option privately, with the core’s message and usage, and leaves no public trace', async () => {
    discord.interact({ name: 'price', options: [{ name: 'model', type: 3, value: 'qwen-long' }, { name: 'tokens', type: 4, value: 0 }] });
    const error = await reply(/--tokens must be at least 1/);
    expect(isEphemeral(error)).toBe(true);
    expect(discord.text(error)).toContain('Usage: /price');
    expect(discord.botMessages().filter((m) => !isEphemeral(m))).toEqual([]);
    expect(discord.requestsTo('DELETE', /@original$/)).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  it('explains a command Discord still shows but the bot no longer has', async () => {
    discord.interact({ name: 'retired', options: [{ name: 'x', type: 3, value: '1' }] });
    const message = await reply(/There is no \/retired command/);
    expect(isEphemeral(message)).toBe(true);
  });

  it('edits the same reply for progress and ends with the final answer', async () => {
    discord.interact('/slow --ms 20');
    const message = await reply(/slow: finished/);
    expect(message.revisions.map((r) => r.content)).toEqual(['', '⏳ slow: started', '⏳ slow: halfway', 'slow: finished']);
    expect(discord.botMessages()).toHaveLength(1);
  });

  it('passes an attached file to the command, and refuses one over the size cap', async () => {
    discord.interact('/load', { attachment: { option: 'file', filename: 'prices.csv', bytes: Buffer.from('model,price\nqwen,0.5\n'), contentType: 'text/csv' } });
    await reply(/read 21 bytes from prices\.csv \(text\/csv\): model,price/);
    discord.interact('/load', { attachment: { option: 'file', filename: 'huge.csv', bytes: Buffer.alloc(5_000, 65), contentType: 'text/csv' } });
    const refused = await reply(/huge\.csv is 5\.0 kB; the limit is 1\.0 kB/);
    expect(isEphemeral(refused)).toBe(true);
  });

  it('splits long replies within Discord’s limits, with buttons under the last part', async () => {
    discord.interact('/big');
    await discord.waitFor(() => discord.botMessages().some((m) => m.components.length > 0), 'the last part with the button');
    const parts = discord.botMessages();
    for (const m of parts) expect(messageProblems({ content: m.content, embeds: m.embeds, components: m.components }, m.files.length)).toEqual([]);
    const all = parts.map((m) => discord.text(m)).join('\n');
    for (const piece of ['1. The price war', '90. The price war', 'Field 1', 'Field 30', 'model-1', 'Source number 1 with']) expect(all).toContain(piece);
    expect(parts.flatMap((m) => m.files.map((f) => f.filename))).toEqual(expect.arrayContaining(['chart_1.png', 'chart_12.png', 'table.csv']));
    expect(buttonsOf(parts[parts.length - 1]!).map((b) => b.label)).toEqual(['More']);
    discord.interact('/big --plain');
    await discord.waitFor(() => discord.botMessages().filter((m) => m.embeds.length === 0).length >= 3, 'plain parts');
    const plain = discord.botMessages().filter((m) => m.embeds.length === 0);
    expect(plain.every((m) => m.content.length <= 2000)).toBe(true);
    expect(plain.map((m) => m.content).join('\n\n')).toContain('90. The price war');
  });
});

describe('buttons', () => {
  beforeEach(() => start());

  it('runs the button’s command as the user who clicked, privately', async () => {
    discord.interact('/ask is the price war over?');
    const answer = await reply(/answer to: is the price war over\?/);
    expect(buttonsOf(answer).map((b) => [b.label, b.customId])).toEqual([['👍', 'pw:/feedback 7 up'], ['👎', 'pw:/feedback 7 down']]);
    const bob = { id: '200000000000000002', username: 'bob', global_name: 'Bob', discriminator: '0', avatar: null };
    discord.clickButton(answer.id, { label: '👍' }, { user: bob });
    const thanks = await reply(/thanks for the up vote/);
    expect(isEphemeral(thanks)).toBe(true);
    expect(calls.find((c) => c.command === 'feedback')).toMatchObject({ args: { id: 7, vote: 'up' }, user: bob.id, line: '/feedback 7 up' });
  });
});

describe('the 3-second deadline', () => {
  // A shortened deadline (Discord's is 3 s), still with room for a loaded 2-core CI machine.
  beforeEach(() => start({ fake: { ackTimeoutMs: 1500 } }));

  it('is met even when the command keeps the CPU busy longer than that', async () => {
    const interaction = discord.interact('/busy --ms 2000');
    const answer = await reply(/busy for 2000 ms/);
    expect(discord.requestsTo('POST', /\/callback$/)[0]?.status).toBe(204);
    expect((interaction.acknowledgedAtMs ?? Infinity) - interaction.dispatchedAtMs).toBeLessThan(1500);
    expect(answer.origin).toBe('interaction');
  });
});

describe('when Discord refuses the acknowledgement', () => {
  beforeEach(() => start({ fake: { ackTimeoutMs: -1 } }));

  it('still answers, in the channel, saying why', async () => {
    discord.interact('/jobs status 3');
    const answer = await reply(/job 3 is running/);
    expect(discord.requestsTo('POST', /\/callback$/)[0]?.status).toBe(404);
    expect(answer.origin).toBe('bot');
    expect(answer.content).toContain('Discord did not let me answer the command in place, so /jobs continues here.');
  });
});

describe('after the interaction token expires', () => {
  beforeEach(() => start({ fake: { interactionTokenTtlMs: 700 }, adapter: { interactionLifetimeMs: 600 } }));

  it('continues in a channel message that says so', async () => {
    discord.interact('/slow --ms 400');
    const continued = await reply(/slow: finished/);
    expect(continued.origin).toBe('bot');
    expect(continued.content).toContain(`<@${discord.defaultUser.id}>`);
    expect(continued.content).toContain('continues here');
    const first = discord.botMessages()[0];
    expect(first?.origin).toBe('interaction');
    expect(first?.revisions.map((r) => r.content)).toContain('⏳ slow: started');
  });
});
