/**
 * `npm run discord:deploy`: registers the slash commands generated from
 * `commands/` with Discord — in one server when DISCORD_GUILD_ID is set
 * (instant; for development), otherwise globally (every server the bot is in).
 * The whole list is sent in one PUT, so removed commands disappear too.
 *
 *   npm run discord:deploy              register (guild or global)
 *   npm run discord:deploy -- --global  register globally even if DISCORD_GUILD_ID is set
 *   npm run discord:deploy -- --print   print the generated JSON; needs no token
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiscordAPIError, REST, Routes, type RESTOptions } from './discord-js.js';
import type { Logger } from 'pino';
import { COMMANDS_DIR } from '../../app.js';
import { ConfigError, loadConfig, type Config } from '../../config.js';
import { CommandRegistry, RegistryError } from '../../core/registry.js';
import { createAppLogger } from '../../logging.js';
import { normalizeApiUrl } from './client.js';
import { generateSlashCommands, type SlashCommand } from './slash-commands.js';
import { slashCommandProblems } from './slash-validate.js';

export interface DeployOptions {
  readonly config: Config;
  readonly log: Logger;
  readonly commands: CommandRegistry;
  /** Register globally even when DISCORD_GUILD_ID is set. */
  readonly global?: boolean;
  readonly rest?: Partial<RESTOptions>;
}

export interface DeployResult {
  readonly scope: 'guild' | 'global';
  readonly guildId?: string;
  readonly sent: readonly SlashCommand[];
  /** What Discord answered: each registered command with its id. */
  readonly registered: readonly { readonly id: string; readonly name: string }[];
}

export class DeployError extends Error {
  override readonly name = 'DeployError';
}

export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const { config, log } = options;
  if (config.DISCORD_TOKEN === undefined || config.DISCORD_APPLICATION_ID === undefined) {
    throw new DeployError('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (in .env or the environment) to register commands; see docs/discord.md.');
  }
  const sent = generateSlashCommands(options.commands);
  const problems = slashCommandProblems(sent);
  if (problems.length > 0) throw new DeployError(`Discord would refuse these commands:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const guildId = options.global === true ? undefined : config.DISCORD_GUILD_ID;
  const rest = new REST({ ...(config.DISCORD_API_URL ? { api: normalizeApiUrl(config.DISCORD_API_URL) } : {}), ...options.rest }).setToken(config.DISCORD_TOKEN);
  const route = guildId === undefined ? Routes.applicationCommands(config.DISCORD_APPLICATION_ID) : Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, guildId);
  try {
    const answer = (await rest.put(route, { body: sent })) as { id: string; name: string }[];
    const registered = answer.map((c) => ({ id: c.id, name: c.name }));
    log.info({ scope: guildId === undefined ? 'global' : 'guild', guild: guildId, commands: registered.map((c) => c.name) }, 'discord: commands registered');
    return { scope: guildId === undefined ? 'global' : 'guild', ...(guildId === undefined ? {} : { guildId }), sent, registered };
  } catch (error) {
    if (error instanceof DiscordAPIError) {
      const hint = error.status === 401 ? ' (check DISCORD_TOKEN)' : error.status === 403 || error.status === 404 ? ' (check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID, and that the bot was invited with the applications.commands scope)' : '';
      throw new DeployError(`Discord refused the command list: ${error.message}${hint}`);
    }
    throw error;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write('usage: npm run discord:deploy [-- --global | --print]\n');
    return 0;
  }
  const config = loadConfig();
  const commands = await CommandRegistry.loadDirectory(COMMANDS_DIR);
  if (argv.includes('--print')) {
    process.stdout.write(`${JSON.stringify(generateSlashCommands(commands), null, 2)}\n`);
    return 0;
  }
  const log = createAppLogger(config, { level: 'warn' });
  const result = await deployCommands({ config, log, commands, global: argv.includes('--global') });
  const where = result.scope === 'guild' ? `in server ${result.guildId ?? ''} (available now)` : 'globally (every server the bot is in; can take a few minutes to show up)';
  process.stdout.write(`Registered ${result.registered.length} slash commands ${where}: ${result.registered.map((c) => `/${c.name}`).join(', ')}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const known = error instanceof DeployError || error instanceof ConfigError || error instanceof RegistryError;
      process.stderr.write(`discord:deploy: ${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
