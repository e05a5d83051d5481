/**
 * Mentions and DMs, unprompted posts, and resilience: gateway resume, REST
 * 429s, a failing handler, a refused intent or token, and no token in logs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { Bot } from '../../../src/core/bot.js';
import { createLogger } from '../../../src/logging.js';
import { captureLog } from '../../fakes/bot.js';
import { isEphemeral, type FakeDiscord, type StoredMessage } from '../../fakes/discord.js';
import { TINY_SPEC } from '../contract.js';
import { testCommands, type Call } from './commands.js';
import { setUpDiscord, type DiscordSetup } from './harness.js';

/** A handler for tests that only read from or post to Discord: incoming messages are ignored. */
const IGNORE_MESSAGES = async () => ({ command: '', ok: true, reply: { text: '' } });

let setup: DiscordSetup | undefined;
let bot: Bot | undefined;
let calls: Call[];

async function start(options: Parameters<typeof setUpDiscord>[1] = {}): Promise<FakeDiscord> {
  const made = testCommands();
  calls = made.calls;
  setup = await setUpDiscord(made.commands, options);
  bot = new Bot({ config: loadConfig({}, undefined), log: createLogger({ level: 'silent' }), commands: made.commands });
  await bot.attach(setup.adapter);
  return setup.discord;
}

function replyIn(discord: FakeDiscord, pattern: RegExp, channelId?: string): Promise<StoredMessage> {
  return discord.waitFor(() => discord.botMessages(channelId).find((m) => pattern.test(discord.text(m))), String(pattern));
}

afterEach(async () => {
  await bot?.shutdown();
  await setup?.adapter.stop();
  await setup?.discord.close();
  bot = undefined;
  setup = undefined;
});

describe('mentions and direct messages', () => {
  it('answers a mention as a reply, without the mention in the question', async () => {
    const discord = await start();
    const question = discord.userMessage('why are prices falling?', { mentionBot: true });
    const answer = await replyIn(discord, /answer to: why are prices falling\?/);
    expect(answer.reference?.message_id).toBe(question.id);
    expect(calls[0]).toMatchObject({ command: 'ask', args: { question: 'why are prices falling?' }, user: discord.defaultUser.id });
    expect(discord.requestsTo('POST', /\/typing$/)).toHaveLength(1);
  });

  it('answers a mention of the bot’s role too', async () => {
    const discord = await start();
    discord.userMessage('what about roles?', { mentionBotRole: true });
    await replyIn(discord, /answer to: what about roles\?/);
    expect(calls[0]?.args.question).toBe('what about roles?');
  });

  it('ignores channel chatter that does not mention the bot', async () => {
    const discord = await start();
    discord.userMessage('just chatting about prices');
    discord.userMessage('a question for the bot', { mentionBot: true });
    await replyIn(discord, /answer to: a question for the bot/);
    expect(calls.map((c) => c.args.question)).toEqual(['a question for the bot']);
  });

  it('answers mentions and DMs without the privileged Message Content intent', async () => {
    const discord = await start({ adapter: { messageContent: false } });
    expect((discord.gateway.stats.intents ?? 0) & (1 << 15)).toBe(0);
    discord.userMessage('no intent needed?', { mentionBot: true });
    await replyIn(discord, /answer to: no intent needed\?/);
    discord.directMessage('and in DMs?');
    await replyIn(discord, /answer to: and in DMs\?/);
  });

  it('answers a direct message in the DM channel', async () => {
    const discord = await start();
    const dm = discord.directMessage('is qwen cheaper?');
    const answer = await replyIn(discord, /answer to: is qwen cheaper\?/, dm.channelId);
    expect(answer.channelId).toBe(dm.channelId);
  });

  it('runs a command line typed after a mention, with the attached file', async () => {
    const discord = await start();
    discord.userMessage('/load', { mentionBot: true, files: [{ filename: 'p.csv', bytes: Buffer.from('a,b\n1,2\n'), contentType: 'text/csv' }] });
    await replyIn(discord, /read 8 bytes from p\.csv/);
  });

  it('answers in the thread it was asked in', async () => {
    const discord = await start();
    const thread = discord.addThread(discord.channelId, 'price talk');
    discord.userMessage('and in threads?', { mentionBot: true, channelId: thread });
    const answer = await replyIn(discord, /answer to: and in threads\?/);
    expect(answer.channelId).toBe(thread);
    expect(calls[0]?.conversation).toEqual({ platform: 'discord', channel: discord.channelId, thread, visibility: 'public' });
  });
});

describe('posting without a message to answer', () => {
  it('posts, edits by stored ref, uploads, in a thread too', async () => {
    const discord = await start();
    const adapter = setup!.adapter;
    const thread = discord.addThread(discord.channelId, 'digests');
    const to = { platform: 'discord' as const, channel: discord.channelId, thread };
    const handle = await adapter.post(to, { text: 'digest v1', charts: [{ filename: 'c.png', spec: TINY_SPEC, title: 'c', alt: 'c' }] });
    await adapter.update(JSON.parse(JSON.stringify(handle.ref)), { text: 'digest v2' });
    await adapter.upload(to, { filename: 'export.csv', bytes: Buffer.from('x\n'), mime: 'text/csv', title: 'Export' });
    const [digest, upload] = discord.botMessages(thread);
    expect(discord.text(digest!)).toBe('digest v2');
    expect(digest?.files).toEqual([]);
    expect(digest?.edits).toBe(1);
    expect(upload?.files.map((f) => f.filename)).toEqual(['export.csv']);
  });

  it('edits an interaction reply by its ref while the token lasts, and posts anew once it cannot', async () => {
    // Lifetimes long enough that a loaded 2-core CI machine still edits before they end (3 s was not, once);
    // the wait below is measured from the interaction.
    const discord = await start({ fake: { interactionTokenTtlMs: 8100 }, adapter: { interactionLifetimeMs: 8000 } });
    const interactedAt = Date.now();
    discord.interact('/jobs status 9');
    const original = await replyIn(discord, /job 9 is running/);
    // The fake stores the reply before it answers the bot's edit; the adapter learns the message's id
    // (and so that it can edit it through the interaction) only from that answer, a moment later.
    await new Promise((r) => setTimeout(r, 1000));
    const ref = { conversation: { platform: 'discord' as const, channel: discord.channelId }, id: original.id };
    await setup!.adapter.update(ref, { text: 'job 9 is done' });
    expect(discord.text(original)).toBe('job 9 is done');
    await new Promise((r) => setTimeout(r, Math.max(0, interactedAt + 8200 - Date.now())));
    await setup!.adapter.update(ref, { text: 'job 9 was archived' });
    const reposted = await replyIn(discord, /job 9 was archived/);
    expect(reposted.id).not.toBe(original.id);
    expect(discord.requestsTo('PATCH', new RegExp(`/channels/\\d+/messages/${original.id}$`))[0]?.status).toBe(403);
  });
});

describe('resilience', () => {
  it('resumes a dropped gateway connection and answers the next command, and one sent during the gap', async () => {
    const discord = await start();
    discord.interact('/jobs status 1');
    await replyIn(discord, /job 1 is running/);
    discord.dropGateway();
    discord.interact('/jobs status 2');
    await discord.waitFor(() => discord.gateway.stats.resumes === 1 && discord.gateway.readySockets === 1, 'the resume', 10_000);
    await replyIn(discord, /job 2 is running/);
    discord.interact('/jobs status 3');
    await replyIn(discord, /job 3 is running/);
    expect(discord.gateway.stats).toMatchObject({ identifies: 1, resumes: 1, connections: 2 });
  });

  it('waits out a REST rate limit (429) and still delivers', async () => {
    const discord = await start();
    discord.rateLimitNext({ method: 'PATCH', path: /@original$/ }, 0.05);
    discord.interact('/jobs status 4');
    await replyIn(discord, /job 4 is running/);
    expect(discord.requestsTo('PATCH', /@original$/).map((r) => r.status)).toEqual([429, 200]);
  });

  it('shows an error with a ref when the handler itself throws', async () => {
    const made = testCommands();
    setup = await setUpDiscord(made.commands);
    await setup.adapter.start(async () => {
      throw new Error('handler exploded');
    });
    setup.discord.interact('/jobs status 1');
    const message = await replyIn(setup.discord, /Something went wrong \(ref [0-9a-f]{8}\)/);
    expect(setup.discord.text(message)).not.toContain('exploded');
    expect(isEphemeral(message)).toBe(false);
  });

  it('explains a refused Message Content intent', async () => {
    const made = testCommands();
    setup = await setUpDiscord(made.commands, { fake: { allowMessageContent: false } });
    await expect(setup.adapter.start(IGNORE_MESSAGES)).rejects.toThrow(/Message Content intent.*DISCORD_MESSAGE_CONTENT=false/);
  });

  it('explains a wrong token', async () => {
    const made = testCommands();
    setup = await setUpDiscord(made.commands, { adapter: { token: 'not-the-token' } });
    await expect(setup.adapter.start(IGNORE_MESSAGES)).rejects.toThrow(/Discord rejected DISCORD_TOKEN/);
  });

  it('never writes the token to the log', async () => {
    const { log, lines, raw } = captureLog('trace');
    const made = testCommands();
    calls = made.calls;
    setup = await setUpDiscord(made.commands, { log, fake: { allowMessageContent: true } });
    bot = new Bot({ config: loadConfig({}, undefined), log, commands: made.commands });
    await bot.attach(setup.adapter);
    setup.discord.interact('/jobs status 1');
    setup.discord.interact({ name: 'price', options: [{ name: 'model', type: 3, value: 'nope' }] });
    await replyIn(setup.discord, /must be one of/);
    expect(lines().length).toBeGreaterThan(0);
    expect(raw()).not.toContain(setup.discord.token);
  });
});
