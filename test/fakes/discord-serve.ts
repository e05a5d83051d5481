/**
 * The fake Discord as a standalone process, to try the bot by hand:
 *
 *   npx tsx test/fakes/discord-serve.ts [--port 3999]
 *   # prints the DISCORD_* variables; in another shell:
 *   DISCORD_TOKEN=… DISCORD_APPLICATION_ID=… DISCORD_GUILD_ID=… DISCORD_API_URL=… npm run discord:deploy
 *   DISCORD_TOKEN=… DISCORD_APPLICATION_ID=… DISCORD_API_URL=… npm start
 *
 * Then type into this process, one action a line:
 *   /help                    a slash command (options filled from the registered commands)
 *   @ what is a price war?   a message mentioning the bot
 *   dm hello                 a direct message
 *   click <label>            click a button on the latest bot message that has it
 *   drop                     cut the gateway connection (the bot should resume)
 * Everything the bot posts or edits is printed as it happens.
 */
import { createInterface } from 'node:readline';
import { buttonsOf, startFakeDiscord } from './discord.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const discord = await startFakeDiscord({
  port: Number(arg('port') ?? 0),
  token: arg('token') ?? 'fake-bot-token.discord',
  applicationId: arg('app-id') ?? '1100000000000000001',
  guildId: arg('guild-id') ?? '1200000000000000002',
});
process.stdout.write(
  [
    `fake Discord listening on ${discord.url}`,
    `DISCORD_TOKEN=${discord.token}`,
    `DISCORD_APPLICATION_ID=${discord.applicationId}`,
    `DISCORD_GUILD_ID=${discord.guildId}`,
    `DISCORD_API_URL=${discord.apiUrl}`,
    '',
  ].join('\n'),
);

const seen = new Map<string, number>();
const timer = setInterval(() => {
  for (const message of discord.botMessages()) {
    const revision = message.revisions.length;
    if (seen.get(message.id) === revision) continue;
    seen.set(message.id, revision);
    const files = message.files.length > 0 ? `  [files: ${message.files.map((f) => `${f.filename} (${f.bytes.byteLength} B)`).join(', ')}]` : '';
    const buttons = buttonsOf(message).map((b) => `[${b.label}]`).join(' ');
    const flags = `${(message.flags & 64) !== 0 ? ' ephemeral' : ''}${(message.flags & 128) !== 0 ? ' thinking…' : ''}`;
    process.stdout.write(`── bot ${message.id}${revision > 1 ? ` (edit ${revision - 1})` : ''}${flags}\n${discord.text(message)}${files}${buttons ? `\n${buttons}` : ''}\n`);
  }
}, 100);

const rl = createInterface({ input: process.stdin });
rl.on('line', (raw) => {
  const line = raw.trim();
  try {
    if (line.startsWith('/')) discord.interact(line);
    else if (line.startsWith('@')) discord.userMessage(line.slice(1).trim(), { mentionBot: true });
    else if (line.startsWith('dm ')) discord.directMessage(line.slice(3));
    else if (line === 'drop') discord.dropGateway();
    else if (line.startsWith('click ')) {
      const label = line.slice(6);
      const target = discord.botMessages().reverse().find((m) => buttonsOf(m).some((b) => b.label === label));
      if (target === undefined) process.stdout.write(`no button "${label}"\n`);
      else discord.clickButton(target.id, { label });
    } else if (line !== '') process.stdout.write('type /command, @ question, dm text, click <label> or drop\n');
  } catch (error) {
    process.stdout.write(`${(error as Error).message}\n`);
  }
});
rl.on('close', () => {
  setTimeout(() => {
    clearInterval(timer);
    void discord.close().then(() => process.exit(0));
  }, 500);
});
