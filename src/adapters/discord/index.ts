// Placeholder until the Discord issue (#7) lands: fails loudly instead of pretending.
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { ChatAdapter } from '../../core/adapter.js';
import type { CommandRegistry } from '../../core/registry.js';

export function createDiscordAdapter(_config: Config, _log: Logger, _commands: CommandRegistry): ChatAdapter {
  throw new Error('The Discord adapter is not built yet (issue #7). Unset DISCORD_TOKEN to use the console.');
}
