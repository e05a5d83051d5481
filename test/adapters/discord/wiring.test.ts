/** `npm start`'s wiring: Discord is chosen from the configuration and reaches DISCORD_API_URL. */
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatformAdapters } from '../../../src/adapters/index.js';
import { generateSlashCommands } from '../../../src/adapters/discord/slash-commands.js';
import { loadConfig } from '../../../src/config.js';
import { Bot } from '../../../src/core/bot.js';
import { createLogger } from '../../../src/logging.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord.js';
import { testCommands } from './commands.js';

let discord: FakeDiscord | undefined;
let bot: Bot | undefined;

afterEach(async () => {
  await bot?.shutdown();
  await discord?.close();
});

describe('Discord from configuration', () => {
  it('is started when DISCORD_TOKEN and DISCORD_APPLICATION_ID are set, and talks to DISCORD_API_URL', async () => {
    discord = await startFakeDiscord();
    const { commands } = testCommands();
    discord.registerCommands(generateSlashCommands(commands));
    const config = loadConfig({ DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl }, undefined);
    const log = createLogger({ level: 'silent' });
    const adapters = await createPlatformAdapters(config, log, commands);
    expect(adapters.map((a) => a.platform)).toEqual(['discord']);
    expect(adapters[0]?.capabilities).toEqual({ history: true, updateInPlace: true, ephemeral: true, buttons: true, localOperator: false, outlivesReply: true, unpromptedPosts: true });
    bot = new Bot({ config, log, commands });
    await bot.attach(adapters[0]!);
    discord.interact('/jobs status 12');
    await discord.waitFor(() => discord?.botMessages().find((m) => discord?.text(m) === 'job 12 is running'), 'the answer');
    expect(discord.gateway.stats.intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
  });

  it('is not started without the application id', async () => {
    const config = loadConfig({ DISCORD_TOKEN: 'x' }, undefined);
    expect(await createPlatformAdapters(config, createLogger({ level: 'silent' }), testCommands().commands)).toEqual([]);
  });
});
