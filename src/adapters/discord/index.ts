/**
 * Discord: `npm start` runs this adapter when DISCORD_TOKEN and
 * DISCORD_APPLICATION_ID are set; `npm run discord:deploy` registers the slash
 * commands generated from the command definitions (./deploy.ts).
 */
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { ChatAdapter } from '../../core/adapter.js';
import type { CommandRegistry } from '../../core/registry.js';
import { redisClaims } from '../shared/redis-claim.js';
import { DiscordAdapter } from './adapter.js';

export function createDiscordAdapter(config: Config, log: Logger, commands: CommandRegistry): ChatAdapter {
  if (config.DISCORD_TOKEN === undefined || config.DISCORD_APPLICATION_ID === undefined) {
    throw new Error('Discord needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see docs/discord.md).');
  }
  return new DiscordAdapter(
    {
      token: config.DISCORD_TOKEN,
      ...(config.DISCORD_API_URL === undefined ? {} : { apiUrl: config.DISCORD_API_URL }),
      messageContent: config.DISCORD_MESSAGE_CONTENT,
      maxAttachmentBytes: config.MAX_ATTACHMENT_BYTES,
      // Replicas on one token each get every gateway event: handle each once (interactions live 15 minutes).
      ...(config.REDIS_URL === undefined ? {} : { shared: redisClaims(config.REDIS_URL, 'pwbot:discord', 20 * 60_000, log) }),
    },
    log.child({ platform: 'discord' }),
    commands,
  );
}
