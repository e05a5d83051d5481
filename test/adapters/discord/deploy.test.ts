/** `npm run discord:deploy` against the fake Discord: the generated list, every command with its options. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deployCommands, DeployError } from '../../../src/adapters/discord/deploy.js';
import { generateSlashCommands } from '../../../src/adapters/discord/slash-commands.js';
import { COMMANDS_DIR } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { defineCommand } from '../../../src/core/command.js';
import { CommandRegistry } from '../../../src/core/registry.js';
import { createLogger } from '../../../src/logging.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord.js';
import { testCommands } from './commands.js';

const run = promisify(execFile);
const log = createLogger({ level: 'silent' });
let discord: FakeDiscord;

beforeEach(async () => {
  discord = await startFakeDiscord();
});
afterEach(() => discord.close());

/** What Discord stored, without the fields it adds. */
function stored(list: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return list.map(({ id: _id, application_id: _app, version: _v, guild_id: _g, ...rest }) => rest);
}

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl, ...extra };
}

describe('deployCommands', () => {
  it('registers the generated list in the guild when DISCORD_GUILD_ID is set', async () => {
    const { commands } = testCommands();
    const result = await deployCommands({ config: loadConfig(env({ DISCORD_GUILD_ID: discord.guildId }), undefined), log, commands, rest: { retries: 0 } });
    expect(result).toMatchObject({ scope: 'guild', guildId: discord.guildId });
    expect(result.registered.map((c) => c.name)).toEqual(['ask', 'big', 'busy', 'jobs', 'load', 'price', 'slow']);
    expect(stored(discord.commands.guilds.get(discord.guildId) ?? [])).toEqual(JSON.parse(JSON.stringify(generateSlashCommands(commands))));
    const [put] = discord.requestsTo('PUT', /\/commands$/);
    expect(put).toMatchObject({ path: `/applications/${discord.applicationId}/guilds/${discord.guildId}/commands`, authorized: true, status: 200 });
  });

  it('registers globally without a guild, or with `global`', async () => {
    const { commands } = testCommands();
    await deployCommands({ config: loadConfig(env({ DISCORD_GUILD_ID: discord.guildId }), undefined), log, commands, global: true, rest: { retries: 0 } });
    expect(discord.commands.global.map((c) => c.name)).toEqual(['ask', 'big', 'busy', 'jobs', 'load', 'price', 'slow']);
    expect(discord.commands.guilds.size).toBe(0);
  });

  it('refuses a list Discord would reject, before sending anything', async () => {
    const wide = defineCommand({
      name: 'wide',
      description: 'x',
      examples: ['/wide'],
      args: z.object(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`o${i}`, z.string().optional()]))),
      run: () => ({ text: '' }),
    });
    const commands = new CommandRegistry([{ definition: wide, source: 'test' }]);
    await expect(deployCommands({ config: loadConfig(env(), undefined), log, commands })).rejects.toThrow(/\/wide: 30 options \(Discord allows 25\)/);
    expect(discord.requests).toEqual([]);
  });

  it('says which setting is wrong when Discord refuses', async () => {
    const { commands } = testCommands();
    const attempt = deployCommands({ config: loadConfig(env({ DISCORD_TOKEN: 'wrong-token' }), undefined), log, commands, rest: { retries: 0 } });
    await expect(attempt).rejects.toThrow(DeployError);
    await expect(attempt).rejects.toThrow(/check DISCORD_TOKEN/);
    await expect(deployCommands({ config: loadConfig({}, undefined), log, commands })).rejects.toThrow(/Set DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
  });
});

describe('npm run discord:deploy', () => {
  it('registers every command of the real commands/ folder with its options', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/entry/discord-deploy.ts'], {
      // The version suffix is tolerated: people paste https://discord.com/api/v10.
      env: { PATH: process.env.PATH ?? '', ...env({ DISCORD_GUILD_ID: discord.guildId, DISCORD_API_URL: `${discord.apiUrl}/v10/` }) },
      timeout: 60_000,
    });
    const expected = generateSlashCommands(await CommandRegistry.loadDirectory(COMMANDS_DIR));
    expect(stdout).toContain(`Registered ${expected.length} slash commands in server ${discord.guildId}`);
    expect(stored(discord.commands.guilds.get(discord.guildId) ?? [])).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(stdout).not.toContain(discord.token);
  });
});
