/**
 * The discord.js client the adapter runs: which gateway intents it asks for,
 * where REST goes, and safe defaults for mentions.
 */
import { Client, GatewayIntentBits, Partials, type RESTOptions } from './discord-js.js';

export interface ClientSettings {
  /** Ask for the privileged Message Content intent (full text of every message, for channel history). */
  readonly messageContent: boolean;
  /** REST base URL without the version (`https://discord.com/api`); DISCORD_API_URL. */
  readonly apiUrl?: string;
  /** Extra REST options (tests: `retries: 0`, a short `timeout`). */
  readonly rest?: Partial<RESTOptions>;
}

/** `…/api/v10/` → `…/api`: discord.js appends the version itself. */
export function normalizeApiUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

export function intentsFor(messageContent: boolean): GatewayIntentBits[] {
  // Guilds: interactions and the channel cache. GuildMessages + DirectMessages: mentions and DMs — Discord
  // includes the text of messages that mention the bot and of DMs even without Message Content.
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (messageContent) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

export function createDiscordClient(settings: ClientSettings): Client {
  return new Client({
    intents: intentsFor(settings.messageContent),
    // DM channels arrive without a prior channel event; without this partial discord.js drops DMs.
    partials: [Partials.Channel],
    // Text echoed from users (questions, channel names) must never ping @everyone or roles.
    allowedMentions: { parse: [], repliedUser: false },
    rest: { ...(settings.apiUrl ? { api: normalizeApiUrl(settings.apiUrl) } : {}), ...settings.rest },
  });
}
