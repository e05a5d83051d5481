/**
 * `npm run discord:deploy` (wiring only; the work is in
 * src/adapters/discord/deploy.ts): registers the slash commands generated from
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
import { DeployError, deployCommands, generateSlashCommands } from '../adapters/discord/deploy.js';
import { COMMANDS_DIR } from '../app.js';
import { ConfigError, loadConfig } from '../config.js';
import { CommandRegistry, RegistryError } from '../core/registry.js';
import { createAppLogger } from '../logging.js';

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
