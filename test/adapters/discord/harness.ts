/**
 * Shared set-up for the Discord tests: a fake Discord on 127.0.0.1 and the
 * real adapter (real discord.js client) pointed at it.
 */
import type { Logger } from 'pino';
import { DiscordAdapter, type DiscordAdapterOptions } from '../../../src/adapters/discord/adapter.js';
import { generateSlashCommands } from '../../../src/adapters/discord/slash-commands.js';
import type { CommandRegistry } from '../../../src/core/registry.js';
import { createLogger } from '../../../src/logging.js';
import { isEphemeral, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type StoredMessage } from '../../fakes/discord.js';
import type { DeliveredMessage } from '../contract.js';

export interface DiscordSetup {
  readonly discord: FakeDiscord;
  readonly adapter: DiscordAdapter;
}

export async function setUpDiscord(
  commands: CommandRegistry,
  options: { fake?: FakeDiscordOptions; adapter?: Partial<DiscordAdapterOptions>; log?: Logger } = {},
): Promise<DiscordSetup> {
  const discord = await startFakeDiscord(options.fake);
  // As if `npm run discord:deploy` had run for this guild.
  discord.registerCommands(generateSlashCommands(commands), discord.guildId);
  const adapter = new DiscordAdapter(
    {
      token: discord.token,
      apiUrl: discord.apiUrl,
      messageContent: true,
      maxAttachmentBytes: 1_000_000,
      rest: { retries: 0, timeout: 5_000 },
      readyTimeoutMs: 5_000,
      ...options.adapter,
    },
    options.log ?? createLogger({ level: 'silent' }),
    commands,
  );
  return { discord, adapter };
}

export function delivered(discord: FakeDiscord, message: StoredMessage): DeliveredMessage {
  return {
    id: message.id,
    text: discord.text(message),
    edits: message.edits,
    files: message.files.map((f) => ({ name: f.filename, bytes: f.bytes })),
    ephemeral: isEphemeral(message),
  };
}
