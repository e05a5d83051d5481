/**
 * Issue 18, point 1: maintenance commands are admin-only, through the named
 * `AdminOnly` precondition, on every platform: the console and the CLI
 * (local operator: always admin), the real Slack adapter against the fake
 * Slack, and the real Discord adapter against the fake Discord. The same
 * probe also shows each adapter telling the core a conversation's visibility.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import faq from '../../commands/faq.js';
import { loadConfig } from '../../src/config.js';
import type { Bot } from '../../src/core/bot.js';
import { defineCommand } from '../../src/core/command.js';
import { AdminOnly } from '../../src/core/preconditions.js';
import { CommandRegistry } from '../../src/core/registry.js';
import { Bot as CoreBot } from '../../src/core/bot.js';
import { createLogger } from '../../src/logging.js';
import { run, testBot } from '../fakes/bot.js';
import { makeUser, snowflake } from '../fakes/discord-model.js';
import { setUpDiscord } from '../adapters/discord/harness.js';
import { startSlackHarness, type SlackHarness } from '../adapters/slack/harness.js';
import { tempDir } from '../faq/helpers.js';

/** Admin-only, and says where it ran: what each adapter declared the conversation to be. */
const probe = defineCommand({
  name: 'probe',
  description: 'An admin-only command that reports the conversation it ran in',
  examples: ['/probe'],
  args: z.object({}),
  preconditions: [AdminOnly],
  run: (ctx) => ({ text: `admin ok, visibility=${ctx.message.conversation.visibility ?? 'unknown'}` }),
});

const DENIED = /Only bot admins may do this/;

describe('/faq gaps and /faq reload on the core fakes (console, CLI, a workspace)', () => {
  const t = tempDir('sec-admin-');
  let bot: Bot;
  afterEach(async () => {
    await bot.shutdown();
  });

  for (const sub of ['gaps', 'reload']) {
    it(`/faq ${sub}: refused to a workspace member who is not in BOT_ADMINS, allowed to one who is, and to the console and CLI`, async () => {
      bot = testBot([faq], { config: loadConfig({ DATA_DIR: t.dir, KNOWLEDGE_DIR: 'knowledge', BOT_ADMINS: 'slack:UADMIN,discord:*', LOG_LEVEL: 'silent' }, undefined) });
      const stranger = await run(bot, `/faq ${sub}`, { platform: 'slack', user: 'UOTHER' });
      expect(stranger).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(stranger.reply.text).toMatch(DENIED);
      expect(stranger.reply.text).toContain('slack:UOTHER');
      for (const allowed of [{ platform: 'slack', user: 'UADMIN' }, { platform: 'discord', user: '42' }, { platform: 'console' }, { platform: 'cli' }]) {
        const out = await run(bot, `/faq ${sub}`, allowed);
        expect(out.ok, JSON.stringify(allowed)).toBe(true);
      }
      // A platform nobody listed: refused.
      expect((await run(bot, `/faq ${sub}`, { platform: 'teams', user: 'X' })).ok).toBe(false);
    });
  }

  it('asking and rating stay open to everyone', async () => {
    bot = testBot([faq], { config: loadConfig({ DATA_DIR: t.dir, KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'silent' }, undefined) });
    const out = await run(bot, '/faq Who is Jia Yangqing?', { platform: 'slack', user: 'UOTHER' });
    expect(out.ok).toBe(true);
    expect((await run(bot, `/faq feedback ${(out.reply.data as { answerId: number }).answerId} up`, { platform: 'slack', user: 'UOTHER' })).ok).toBe(true);
  });
});

describe('AdminOnly through the real Slack adapter and the fake Slack', () => {
  let h: SlackHarness | undefined;
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.shutdown();
    await h?.close();
  });

  it('refuses a non-admin, allows an admin, and the adapter says DMs are direct', async () => {
    h = await startSlackHarness({ mode: 'http', env: { BOT_ADMINS: 'slack:U0ADMIN' } });
    bot = testBot([probe], { config: h.config });
    await bot.attach(h.adapter);
    await h.slash('/probe', '', { user: 'U0ALICE' });
    await h.fake.waitFor(() => h!.delivered().find((m) => DENIED.test(m.text)), 'the refusal');
    await h.slash('/probe', '', { user: 'U0ADMIN' });
    const ok = await h.fake.waitFor(() => h!.delivered().find((m) => m.text.includes('admin ok')), 'the admin answer');
    // A C… id alone does not say public or private: unknown, which counts as private.
    expect(ok.text).toContain('visibility=unknown');
    h.fake.seedChannel({ id: 'D0ADMIN', name: 'directmessage' });
    await h.slash('/probe', '', { user: 'U0ADMIN', channel: 'D0ADMIN' });
    const dm = await h.fake.waitFor(() => h!.delivered('D0ADMIN').find((m) => m.text.includes('admin ok')), 'the DM answer');
    expect(dm.text).toContain('visibility=direct');
  });
});

describe('AdminOnly through the real Discord adapter and the fake Discord', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('refuses a non-admin, allows an admin, and the adapter says a guild channel @everyone can read is public', async () => {
    const commands = new CommandRegistry([{ definition: probe, source: 'probe.ts' }]);
    const { discord, adapter } = await setUpDiscord(commands);
    closers.push(() => discord.close());
    const admin = makeUser(snowflake(), 'boss', { global_name: 'Boss' });
    const bot = new CoreBot({ config: loadConfig({ BOT_ADMINS: `discord:${admin.id}` }, undefined), log: createLogger({ level: 'silent' }), commands });
    closers.push(() => bot.shutdown());
    await bot.attach(adapter);
    discord.interact('/probe');
    await discord.waitFor(() => discord.botMessages().find((m) => DENIED.test(discord.text(m))), 'the refusal');
    discord.interact('/probe', { user: admin });
    const ok = await discord.waitFor(() => discord.botMessages().find((m) => discord.text(m).includes('admin ok')), 'the admin answer');
    expect(discord.text(ok)).toContain('visibility=public');
  });
});

describe('Slack payloads → visibility', () => {
  it('events say it with channel_type; slash commands with channel_name or a D/G id; a bare C id stays unknown', async () => {
    const { slackVisibility } = await import('../../src/adapters/slack/listeners.js');
    expect(slackVisibility('C1', 'channel')).toEqual({ visibility: 'public' });
    expect(slackVisibility('C1', 'group')).toEqual({ visibility: 'private' });
    expect(slackVisibility('C1', 'mpim')).toEqual({ visibility: 'private' });
    expect(slackVisibility('D1', 'im')).toEqual({ visibility: 'direct' });
    expect(slackVisibility('C1', undefined, 'directmessage')).toEqual({ visibility: 'direct' });
    expect(slackVisibility('C1', undefined, 'privategroup')).toEqual({ visibility: 'private' });
    expect(slackVisibility('G1')).toEqual({ visibility: 'private' });
    expect(slackVisibility('C1', undefined, 'general')).toEqual({});
  });
});

describe('maintenance runnables list AdminOnly', () => {
  it('in the real commands/ folder: /faq gaps, /faq reload, and /pricewar sync once it exists', async () => {
    const { COMMANDS_DIR } = await import('../../src/app.js');
    const registry = await CommandRegistry.loadDirectory(COMMANDS_DIR);
    const maintenance: [string, string][] = [['faq', 'gaps'], ['faq', 'reload'], ['pricewar', 'sync']];
    const checked: string[] = [];
    for (const [command, sub] of maintenance) {
      const spec = registry.get(command)?.subcommands?.[sub];
      if (spec === undefined) continue;
      checked.push(`${command} ${sub}`);
      expect(spec.preconditions?.map((p) => p.name), `${command} ${sub}`).toContain('AdminOnly');
    }
    expect(checked).toEqual(expect.arrayContaining(['faq gaps', 'faq reload']));
  });
});
