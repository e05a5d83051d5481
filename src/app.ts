/** Wiring shared by `npm start`, the one-shot CLI and the tests: config + logger + commands → Bot. */
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { Bot } from './core/bot.js';
import { CommandRegistry, type CommandModule } from './core/registry.js';
import { configureStorage } from './storage/index.js';

export const COMMANDS_DIR = fileURLToPath(new URL('../commands', import.meta.url));

/** Set by the compiled bundle's entries (scripts/bundle.js): commands/ imported statically, in place of reading the folder. */
let bundledCommands: readonly CommandModule[] | undefined;
export function useBundledCommands(modules: readonly CommandModule[]): void {
  bundledCommands = modules;
}

export interface CreateBotOptions {
  readonly config: Config;
  readonly log: Logger;
  readonly commandsDir?: string;
}

export async function createBot(options: CreateBotOptions): Promise<Bot> {
  // Every store opens its SQLite file through src/storage: it reports a damaged one here, and DATA_REPAIR says what to do.
  configureStorage({ repair: options.config.DATA_REPAIR, log: options.log });
  const commands =
    options.commandsDir === undefined && bundledCommands !== undefined
      ? CommandRegistry.fromModules(bundledCommands)
      : await CommandRegistry.loadDirectory(options.commandsDir ?? COMMANDS_DIR);
  options.log.debug({ commands: commands.list().map((c) => c.name) }, 'commands loaded');
  return new Bot({ config: options.config, log: options.log, commands });
}
