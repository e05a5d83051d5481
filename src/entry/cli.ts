/**
 * `pwbot "<chat line>"`: one command, one reply, for scripts.
 *
 *   pwbot [--json] [--file <path>] <chat line…>
 *
 * Wiring only: configuration, the bot and the CLI adapter
 * (src/adapters/cli/), which prints the reply. Exit code 0 = ok, 1 = user
 * error, 2 = internal error.
 */
import { CliAdapter } from '../adapters/cli/adapter.js';
import { CLI_USAGE, parseCliArgs } from '../adapters/cli/args.js';
import { createBot } from '../app.js';
import { ConfigError, loadConfig } from '../config.js';
import { RegistryError } from '../core/registry.js';
import { createAppLogger } from '../logging.js';

export async function runCli(argv: readonly string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env?: Record<string, string | undefined> }): Promise<number> {
  const parsed = parseCliArgs(argv);
  if ('help' in parsed) {
    io.stdout.write(`${CLI_USAGE}\n`);
    return 0;
  }
  if ('usageError' in parsed) {
    io.stderr.write(`pwbot: ${parsed.usageError}\n${CLI_USAGE}\n`);
    return 1;
  }
  let config;
  try {
    config = loadConfig(io.env ?? process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const log = createAppLogger(config, { level: 'warn' });
  let bot;
  try {
    bot = await createBot({ config, log });
  } catch (error) {
    if (error instanceof RegistryError) {
      io.stderr.write(`pwbot: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const cli = new CliAdapter({
    stdout: io.stdout as NodeJS.WritableStream & import('node:stream').Writable,
    stderr: io.stderr as NodeJS.WritableStream & import('node:stream').Writable,
    outDir: config.OUT_DIR,
    log,
    json: parsed.json,
    showProgress: !parsed.json && (io.stderr as { isTTY?: boolean }).isTTY === true,
    userName: process.env.USER ?? 'cli',
  });
  try {
    await bot.attach(cli);
    return await cli.run(parsed.line, parsed.files);
  } finally {
    await bot.shutdown();
  }
}
