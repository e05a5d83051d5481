/**
 * `npm start`: the console chat when no platform is configured, otherwise the
 * Slack and/or Discord adapters. SIGINT/SIGTERM stop adapters first, then
 * services (queues, databases), then exit.
 */
import { createPlatformAdapters, createWebPage } from './adapters/index.js';
import { ConsoleAdapter } from './adapters/console/adapter.js';
import { createBot } from './app.js';
import { ConfigError, configuredPlatforms, loadConfig, type Config } from './config.js';
import { RegistryError } from './core/registry.js';
import { createAppLogger } from './logging.js';
import { checkDataFiles } from './storage/index.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const consoleMode = !Object.values(configuredPlatforms(config)).some(Boolean);
  // In the console chat, info logs would interleave with the conversation.
  const log = createAppLogger(config, { level: consoleMode ? 'warn' : 'info' });
  const bot = await createBot({ config, log });
  // Integrity-check every store now: a damaged one is named in the log (or set aside) before anyone needs it.
  checkDataFiles(config.DATA_DIR);
  const adapters = await createPlatformAdapters(config, log, bot.commands);

  let stopping = false;
  const shutdown = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    await bot.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  // The web page runs beside whichever chat runs; a port already taken costs the page, not the bot.
  // In the console it starts after the prompt (its code is a tenth of the start-up) and announces itself there.
  const startWebPage = async (announce: (line: string) => void): Promise<void> => {
    const web = await createWebPage(config, log);
    if (web === undefined) return;
    try {
      await bot.attach(web);
      announce(`pricewar-bot web chat: ${web.url} (dashboard: ${web.url}prices)`);
    } catch (error) {
      announce(`pricewar-bot: the web page did not start on ${config.WEB_HOST}:${config.WEB_PORT} (${(error as Error).message}); set WEB_PORT to another port, or off`);
    }
  };

  if (consoleMode) {
    const chat = new ConsoleAdapter({
      input: process.stdin,
      output: process.stdout,
      outDir: config.OUT_DIR,
      userName: process.env.USER ?? 'console',
      redraw: process.stdout.isTTY === true,
      concurrent: process.stdin.isTTY === true,
      showPrompt: process.stdin.isTTY === true,
      onClose: () => void shutdown('end of input'),
      log,
    });
    await bot.attach(chat);
    await startWebPage((line) => chat.notice(line));
    await bot.startServices();
    return;
  }
  await startWebPage((line) => process.stderr.write(`${line}\n`));
  for (const adapter of adapters) {
    await bot.attach(adapter);
    log.info({ platform: adapter.platform }, 'adapter started');
  }
  await bot.startServices();
}

main().catch((error: unknown) => {
  if (error instanceof RegistryError || error instanceof ConfigError) {
    process.stderr.write(`pricewar-bot: ${error.message}\n`);
  } else {
    process.stderr.write(`pricewar-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
