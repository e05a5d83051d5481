import { adapterContract, contractCommands, type ContractHarness } from '../contract.js';
import { delivered, setUpDiscord } from './harness.js';

/**
 * `say` runs a slash command the way a Discord client does (an
 * INTERACTION_CREATE over the gateway, options filled from the registered
 * command list); the transcript is what the fake Discord holds for the channel.
 */
async function discordHarness(): Promise<ContractHarness> {
  const { discord, adapter } = await setUpDiscord(contractCommands());
  return {
    adapter,
    conversation: { platform: 'discord', channel: discord.channelId },
    say: async (text) => {
      discord.interact(text);
    },
    transcript: async () => discord.botMessages(discord.channelId).map((m) => delivered(discord, m)),
    close: () => discord.close(),
  };
}

adapterContract('discord', discordHarness);
