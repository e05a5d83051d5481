/**
 * Registers the slash commands generated from `commands/` with Discord — in
 * one server when DISCORD_GUILD_ID is set (instant; for development),
 * otherwise globally (every server the bot is in). The whole list is sent in
 * one PUT, so removed commands disappear too. The `npm run discord:deploy`
 * entry point is src/entry/discord-deploy.ts.
 */
import { DiscordAPIError, REST, Routes, type RESTOptions } from './discord-js.js';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { CommandRegistry } from '../../core/registry.js';
import { normalizeApiUrl } from './client.js';
import { generateSlashCommands, type SlashCommand } from './slash-commands.js';

export { generateSlashCommands } from './slash-commands.js';
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
