/**
 * Which adapters `npm start` runs: Slack and/or Discord when their credentials
 * are configured (both at once if both are), otherwise the console chat.
 * Platform SDKs are imported lazily so the console never loads them.
 */
import type { Logger } from 'pino';
import { configuredPlatforms, type Config } from '../config.js';
import type { ChatAdapter } from '../core/adapter.js';
import type { CommandRegistry } from '../core/registry.js';

/** `commands` lets adapters generate platform forms (Discord slash options) from the definitions. */
export async function createPlatformAdapters(config: Config, log: Logger, commands: CommandRegistry): Promise<ChatAdapter[]> {
  const platforms = configuredPlatforms(config);
  const adapters: ChatAdapter[] = [];
  if (platforms.slack) {
    const { createSlackAdapter } = await import('./slack/index.js');
    adapters.push(createSlackAdapter(config, log, commands));
  }
  if (platforms.discord) {
    const { createDiscordAdapter } = await import('./discord/index.js');
    adapters.push(createDiscordAdapter(config, log, commands));
  }
  return adapters;
}

/**
 * The web page (chat + /prices dashboard) that `npm start` serves beside the
 * console or the platform adapters, unless `WEB_PORT=off`. Its dashboard data
 * comes from the price chat layer, injected here so the adapter knows no feature.
 */
export async function createWebPage(config: Config, log: Logger): Promise<ChatAdapter & { readonly url: string } | undefined> {
  if (config.WEB_PORT === 'off') return undefined; // and load no web code
  const { createWebAdapter } = await import('./web/index.js');
  const { pricesDashboard } = await import('../bot/pricewar/dashboard.js');
  return createWebAdapter(config, log, () => pricesDashboard(config), process.env.USER);
}
