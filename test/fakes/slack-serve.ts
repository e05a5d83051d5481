// The fake Slack as a standalone server, to run the real bot against it by hand:
//
//   npx tsx test/fakes/slack-serve.ts --port 4010 --bot http://127.0.0.1:3000/slack/events --secret s3cret
//   # in another shell:
//   SLACK_BOT_TOKEN=xoxb-fake-bot-token SLACK_SIGNING_SECRET=s3cret SLACK_API_URL=http://127.0.0.1:4010/api/ npm start
//
// Every line typed here is sent to the bot: `/help` as a signed slash command,
// anything else as an @mention. What the bot posts, edits and uploads is
// printed as it arrives. With --socket the lines go over Socket Mode instead
// (start the bot with SLACK_APP_TOKEN=xapp-fake-app-token).
// `--once "/help"` sends one line, waits for the answer, prints it and exits
// (status 0 when an answer arrived); start it before the bot, it waits for it.
// `--quiet --port 0` prints one JSON line with the URLs and serves until killed
// (GET /_fake/count/<method> tells how many calls of a method arrived).

import { createInterface } from 'node:readline';
import { eventEnvelope, eventForm, postSigned, slashCommandForm } from './slack-requests.js';
import { startFakeSlack, type FakeSlackMessage } from './slack.js';

const argv = process.argv.slice(2);
const option = (flag: string): string | undefined => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
};
const port = Number(option('--port') ?? 4010);
const botUrl = option('--bot') ?? 'http://127.0.0.1:3000/slack/events';
const secret = option('--secret') ?? process.env.SLACK_SIGNING_SECRET ?? '';
const channel = option('--channel') ?? 'C0GENERAL';
const socketMode = argv.includes('--socket');
const once = option('--once');

const slack = await startFakeSlack({ port });
slack.seedChannel({ id: channel, name: 'general' });

if (argv.includes('--quiet')) {
  // For other processes (the bench): one JSON line with the addresses, then serve until killed.
  process.stdout.write(`${JSON.stringify({ url: slack.url, apiUrl: slack.apiUrl, botToken: slack.botToken, botId: slack.botId, botUserId: slack.botUserId })}\n`);
  const quit = (): void => void slack.close().then(() => process.exit(0));
  process.on('SIGTERM', quit);
  process.on('SIGINT', quit);
  await new Promise(() => undefined);
}
process.stderr.write(
  `fake Slack on ${slack.url}\n  SLACK_API_URL=${slack.apiUrl}\n  SLACK_BOT_TOKEN=${slack.botToken}\n` +
    (socketMode ? `  SLACK_APP_TOKEN=${slack.appToken}\n` : `  SLACK_SIGNING_SECRET=${secret || '(pass --secret)'}\n  bot endpoint: ${botUrl}\n`),
);

// Print what the bot does, as it happens.
const seen = new Map<FakeSlackMessage, number>();
const show = (): void => {
  for (const m of slack.messages) {
    if (m.via === 'seed') continue;
    const edits = seen.get(m);
    if (edits === m.edits) continue;
    seen.set(m, m.edits);
    const where = `${m.channel}${m.thread_ts && m.thread_ts !== m.ts ? ` thread ${m.thread_ts}` : ''}`;
    const kind = edits === undefined ? (m.ephemeralTo ? 'ephemeral' : m.via) : `edit #${m.edits}`;
    const files = m.files.length ? ` [files: ${m.files.map((f) => `${f.name} (${f.bytes.byteLength} B)`).join(', ')}]` : '';
    process.stdout.write(`← ${kind} in ${where}: ${slack.plainText(m).replace(/\n/g, '\n    ')}${files}\n`);
  }
};
const ticker = setInterval(show, 50);

let sequence = 0;
async function send(line: string): Promise<void> {
  const responseUrl = slack.responseUrl(channel);
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
  const ts = `${Math.floor(Date.now() / 1000)}.${String(900000 + ++sequence)}`;
  if (socketMode) {
    await slack.socket.connected(30_000);
    const ack = match
      ? await slack.socket.send('slash_commands', Object.fromEntries(new URLSearchParams(slashCommandForm({ command: `/${match[1]}`, text: match[2] ?? '', channel, responseUrl }).body)))
      : await slack.socket.send('events_api', eventEnvelope({ type: 'app_mention', user: 'U0ALICE', channel, ts, text: `<@${slack.botUserId}> ${line}` }));
    process.stdout.write(`→ acked over Socket Mode in ${ack.ms.toFixed(1)} ms\n`);
    return;
  }
  const payload = match
    ? slashCommandForm({ command: `/${match[1]}`, text: match[2] ?? '', channel, responseUrl })
    : eventForm(eventEnvelope({ type: 'app_mention', user: 'U0ALICE', channel, ts, text: `<@${slack.botUserId}> ${line}` }));
  const result = await postSigned(botUrl, payload, { secret });
  process.stdout.write(`→ HTTP ${result.status} in ${result.ms.toFixed(1)} ms${result.body ? `: ${result.body.slice(0, 200)}` : ''}\n`);
}

if (once !== undefined) {
  // Wait for the bot to come up against this fake (it calls auth.test first), then for it to listen.
  await slack.waitFor(() => slack.callsOf('auth.test').length > 0, 'the bot to call auth.test', 60_000);
  if (socketMode) await slack.socket.connected(30_000);
  else {
    const health = botUrl.replace(/\/slack\/events$/, '/healthz');
    const deadline = Date.now() + 30_000;
    while (!(await fetch(health).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error(`the bot does not answer ${health}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const before = slack.messages.length;
  await send(once);
  const arrived = await slack
    .waitFor(() => slack.messages.slice(before).some((m) => m.via !== 'seed' && !slack.plainText(m).startsWith('⏳')), 'an answer', 30_000)
    .then(() => true)
    .catch(() => false);
  await new Promise((r) => setTimeout(r, 1_500)); // let uploads and edits land
  show();
  clearInterval(ticker);
  await slack.close();
  process.exit(arrived ? 0 : 1);
}

const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line.trim() === '') return;
  send(line).catch((error: unknown) => process.stdout.write(`✗ ${(error as Error).message}\n`));
});
const stop = async (): Promise<void> => {
  clearInterval(ticker);
  await slack.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
