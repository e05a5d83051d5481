/**
 * Two Discord adapters logged in with one token (two replicas) each receive
 * every gateway event (the fake gateway sends each dispatch to every
 * session); with REDIS_URL each interaction is run by one of them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { redisClaims } from '../../src/adapters/shared/redis-claim.js';
import { loadConfig } from '../../src/config.js';
import { Bot } from '../../src/core/bot.js';
import { createLogger } from '../../src/logging.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { redisAvailable, startRedis, type FakeRedis } from '../fakes/redis-server.js';
import { testCommands } from '../adapters/discord/commands.js';
import { generateSlashCommands } from '../../src/adapters/discord/slash-commands.js';

const log = createLogger({ level: 'silent' });

describe.skipIf(!redisAvailable)('Discord replicas on one token', () => {
  let discord: FakeDiscord | undefined;
  let redis: FakeRedis | undefined;
  const bots: Bot[] = [];
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.shutdown();
    await discord?.close();
    await redis?.stop();
  });

  /** Two adapters on one fake Discord and one token; returns how many times the commands ran, over both. */
  async function twoReplicas(shared: boolean): Promise<() => number> {
    discord = await startFakeDiscord();
    if (shared) redis = await startRedis();
    const runs: unknown[][] = [];
    for (let i = 0; i < 2; i++) {
      const made = testCommands();
      if (i === 0) discord.registerCommands(generateSlashCommands(made.commands), discord.guildId);
      const adapter = new DiscordAdapter(
        {
          token: discord.token,
          apiUrl: discord.apiUrl,
          messageContent: true,
          maxAttachmentBytes: 1_000_000,
          rest: { retries: 0, timeout: 5_000 },
          readyTimeoutMs: 5_000,
          ...(redis === undefined ? {} : { shared: redisClaims(redis.url, 'pwbot:discord', 60_000, log) }),
        },
        log,
        made.commands,
      );
      const bot = new Bot({ config: loadConfig({}, undefined), log, commands: made.commands });
      await bot.attach(adapter);
      bots.push(bot);
      runs.push(made.calls);
    }
    return () => runs.reduce((n, calls) => n + calls.length, 0);
  }

  it('runs an interaction delivered to both replicas once (with REDIS_URL)', async () => {
    const calls = await twoReplicas(true);
    discord!.interact('/price qwen-long --tokens 1000');
    await discord!.waitFor(() => calls() >= 1 || undefined, 'the command run');
    await new Promise((r) => setTimeout(r, 500));
    expect(calls()).toBe(1);
  });
});
