/**
 * `/summary #other-channel` answers only people who may read that channel:
 * Slack members (conversations.members), Discord members allowed to view it
 * (roles and channel overwrites, computed by discord.js). Everyone else gets
 * a refusal and nothing of the channel: not a message, not a topic, and the
 * bot does not even read its history. Real Bolt and real discord.js against
 * the fakes on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import summaryCommand from '../../../commands/summary.js';
import { Bot } from '../../../src/core/bot.js';
import { CommandRegistry } from '../../../src/core/registry.js';
import { createLogger } from '../../../src/logging.js';
import { loadConfig } from '../../../src/config.js';
import { isEphemeral, makeUser, snowflake } from '../../fakes/discord.js';
import { setUpDiscord } from '../../adapters/discord/harness.js';
import { CHANNEL as SLACK_HERE, startSlackHarness, USER as SLACK_USER } from '../../adapters/slack/harness.js';

const commands = new CommandRegistry([{ definition: summaryCommand, source: 'commands/summary.ts' }]);
const PRIVATE = 'C09ROADMAP';
const SECRET = 'Roadmap: we will undercut the Haiku batch price by 30% in January';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function startBot(config: Bot['config']): Bot {
  const bot = new Bot({ config, log: createLogger({ level: 'silent' }), commands });
  cleanup.push(() => bot.shutdown());
  return bot;
}

describe('/summary of another channel on Slack', () => {
  it('answers a member of that channel and refuses anyone else, showing nothing of it', async () => {
    const h = await startSlackHarness({ mode: 'http', fake: { workspaceUrl: 'https://pricewar-team.slack.com/' } });
    cleanup.push(() => h.close());
    h.fake.seedChannel({ id: PRIVATE, name: 'roadmap', members: ['U0MEMBER', 'U0OTHER'] });
    const at = new Date(Date.now() - 30 * 60_000);
    h.fake.seedHistory(PRIVATE, [
      { user: 'U0MEMBER', text: SECRET, at, replies: [{ user: 'U0OTHER', text: 'Finance signed off on the Haiku batch undercut yesterday', at: new Date(at.getTime() + 60_000) }] },
      { user: 'U0OTHER', text: 'Does the Haiku batch undercut need legal review before January?', at: new Date(at.getTime() + 120_000) },
    ]);
    const bot = startBot(h.config);
    await bot.attach(h.adapter);

    // Someone who is not in #roadmap (the harness's user), by name and by link.
    for (const ref of ['#roadmap', `<#${PRIVATE}|roadmap>`]) {
      const before = h.fake.transcript(SLACK_HERE).length;
      await h.slash('/summary', ref, { user: SLACK_USER, channel: SLACK_HERE });
      const refusal = await h.fake.waitFor(() => h.fake.transcript(SLACK_HERE).slice(before).find((m) => /not a member/.test(h.fake.plainText(m))), 'the refusal', 10_000);
      const text = h.fake.plainText(refusal);
      expect(text).toMatch(/You are not a member of/);
      expect(text).not.toMatch(/undercut|Haiku|Main topics/);
    }
    expect(h.fake.callsOf('conversations.members').length).toBeGreaterThan(0);
    // Nothing of the channel was read for them.
    expect(h.fake.callsOf('conversations.history')).toHaveLength(0);
    expect(h.fake.transcript(SLACK_HERE).some((m) => /undercut/.test(h.fake.plainText(m)))).toBe(false);

    // A member gets the digest (only to them: it is another channel's).
    await h.slash('/summary', '#roadmap', { user: 'U0MEMBER', channel: SLACK_HERE });
    const digest = await h.fake.waitFor(() => h.fake.transcript(SLACK_HERE).find((m) => /Main topics/.test(h.fake.plainText(m))), 'the digest', 15_000);
    expect(h.fake.plainText(digest)).toMatch(/undercut/);
    expect(digest.ephemeralTo).toBeDefined();
    expect(h.fake.callsOf('conversations.history').length).toBeGreaterThan(0);
  });
});

describe('/summary of another channel on Discord', () => {
  it('follows View Channel: member overwrites and roles allow, everyone else is refused without a read', async () => {
    const { discord, adapter } = await setUpDiscord(commands);
    cleanup.push(() => discord.close());
    const member = makeUser(snowflake(), 'bob');
    const viaRole = makeUser(snowflake(), 'dana');
    const outsider = makeUser(snowflake(), 'carol');
    const roleId = discord.addRole('pricing-leads', [viaRole.id]);
    const privateId = discord.addChannel('roadmap');
    discord.restrictChannel(privateId, { users: [member.id], roles: [roleId] });
    const at = new Date(Date.now() - 30 * 60_000);
    discord.seedMessages(privateId, [
      { content: SECRET, author: member, at },
      { content: 'Finance signed off on the Haiku batch undercut yesterday', author: viaRole, at: new Date(at.getTime() + 60_000) },
      { content: 'Does the Haiku batch undercut need legal review before January?', author: member, at: new Date(at.getTime() + 120_000) },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'pwbot-summary-access-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const bot = startBot(loadConfig({ DATA_DIR: dir }, undefined));
    await bot.attach(adapter);
    const reads = () => discord.requestsTo('GET', new RegExp(`/channels/${privateId}/messages`)).length;

    const asked = discord.botMessages().length;
    discord.interact(`/summary <#${privateId}>`, { user: outsider });
    const refusal = await discord.waitFor(() => discord.botMessages().slice(asked).find((m) => /not a member/.test(discord.text(m))), 'the refusal', 10_000);
    expect(discord.text(refusal)).not.toMatch(/undercut|Haiku|Main topics/);
    expect(reads()).toBe(0);

    for (const user of [member, viaRole]) {
      const before = discord.botMessages().length;
      discord.interact(`/summary <#${privateId}>`, { user });
      const digest = await discord.waitFor(() => discord.botMessages().slice(before).find((m) => /Main topics/.test(discord.text(m))), `the digest for ${user.username}`, 15_000);
      expect(discord.text(digest)).toMatch(/undercut/);
      // Shown to the asker alone: the channel they typed in may have people who cannot read #roadmap.
      expect(isEphemeral(digest)).toBe(true);
    }
    expect(reads()).toBeGreaterThan(0);
  });
});
