/**
 * Prints the Slack app manifest for the commands in `commands/` (wiring only;
 * the manifest is built by src/adapters/slack/manifest.ts).
 *
 *   npx tsx src/entry/slack-manifest.ts                                              # Socket Mode
 *   npx tsx src/entry/slack-manifest.ts --http https://bot.example.com/slack/events  # HTTP mode
 *   npx tsx src/entry/slack-manifest.ts --prefix pw- --name "pricewar-bot (staging)" # a second bot
 */
import { fileURLToPath } from 'node:url';
import { buildManifest } from '../adapters/slack/manifest.js';
import { COMMANDS_DIR } from '../app.js';
import { loadConfig } from '../config.js';
import { CommandRegistry } from '../core/registry.js';

async function main(argv: readonly string[]): Promise<void> {
  const option = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const registry = await CommandRegistry.loadDirectory(option('--commands') ?? COMMANDS_DIR);
  const requestUrl = option('--http');
  const name = option('--name');
  process.stdout.write(
    buildManifest({
      commands: registry.list(),
      prefix: option('--prefix') ?? loadConfig().SLACK_COMMAND_PREFIX,
      ...(name ? { name } : {}),
      ...(requestUrl ? { requestUrl } : {}),
    }),
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
