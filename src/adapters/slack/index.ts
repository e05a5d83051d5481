// Placeholder until the Slack issue (#6) lands: fails loudly instead of pretending.
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { ChatAdapter } from '../../core/adapter.js';
import type { CommandRegistry } from '../../core/registry.js';

export function createSlackAdapter(_config: Config, _log: Logger, _commands: CommandRegistry): ChatAdapter {
  throw new Error('The Slack adapter is not built yet (issue #6). Unset SLACK_BOT_TOKEN to use the console.');
}
