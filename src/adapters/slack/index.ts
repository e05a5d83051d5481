/**
 * Slack through @slack/bolt: see ./adapter.ts for the adapter, docs/slack.md
 * for setting up the app. `npm start` uses it when SLACK_BOT_TOKEN and either
 * SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) are set.
 */
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { ChatAdapter } from '../../core/adapter.js';
import type { CommandRegistry } from '../../core/registry.js';
import { SlackAdapter } from './adapter.js';

export { SlackAdapter, type SlackAdapterOptions } from './adapter.js';

/**
 * The registry is not needed at run time: one regex listener serves every
 * command; the app manifest (./manifest.ts) is where command names are listed.
 */
export function createSlackAdapter(config: Config, log: Logger, _commands: CommandRegistry): ChatAdapter {
  return new SlackAdapter({ config, log: log.child({ platform: 'slack' }) });
}
