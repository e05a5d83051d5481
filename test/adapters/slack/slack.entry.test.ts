/**
 * Entry points and rendering end to end (HTTP mode, real Bolt): mentions,
 * DMs, thread follow-ups, buttons, attachments, channels the bot is not in,
 * long replies, the command prefix.
 */
import { describe, expect, it } from 'vitest';
import { useSlackBot } from './bot-session.js';
import { slackTs } from './commands.js';
import { CHANNEL, USER, type SlackHarness } from './harness.js';

const { start, restartBot } = useSlackBot('http');

const mention = (s: SlackHarness, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'app_mention',
  user: USER,
  channel: CHANNEL,
  text: `<@${s.fake.botUserId}> ${text}`,
  ts: slackTs(),
  ...extra,
});

describe('Slack entry points', () => {
  it('answers a mention in its thread, free text going to the question command, with 👀 while working', async () => {
    const s = await start();
    const event = mention(s, 'what is &lt;cheap&gt; &amp; good?');
    await s.event(event);
    const answer = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('answer to')), 'the answer');
    expect(s.fake.plainText(answer)).toContain('answer to "what is <cheap> & good?" for U0ALICE');
    expect(answer.thread_ts).toBe(event.ts);
    const eyes = s.fake.reactions.filter((r) => r.ts === event.ts && r.name === 'eyes');
    await s.fake.waitFor(() => s.fake.reactions.filter((r) => r.ts === event.ts && r.name === 'eyes').length === 2, '👀 added then removed');
    expect(eyes[0]?.added).toBe(true);
  });

  it('answers a mention inside an existing thread in that thread', async () => {
    const s = await start();
    const root = slackTs();
    await s.event(mention(s, '/where', { thread_ts: root }));
    const answer = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('user=U0ALICE')), 'the answer');
    expect(answer.thread_ts).toBe(root);
    expect(s.fake.plainText(answer)).toContain(`thread=${root}`);
  });

  it('answers direct messages without a mention', async () => {
    const s = await start();
    await s.event({ type: 'message', channel_type: 'im', channel: 'D0ALICE', user: USER, text: 'how much is qwen?', ts: slackTs() });
    const answer = await s.fake.waitFor(() => s.fake.transcript('D0ALICE').find((m) => s.fake.plainText(m).includes('answer to')), 'the DM answer');
    expect(answer.thread_ts).toBeUndefined();
    expect(s.fake.plainText(answer)).toContain('how much is qwen?');
  });

  it('answers follow-ups in a thread it answered, without a mention — and remembers it across a restart', async () => {
    const s = await start();
    const first = mention(s, 'first question');
    await s.event(first);
    await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('first question')), 'the first answer');
    const followUp = { type: 'message', channel_type: 'channel', channel: CHANNEL, user: USER, thread_ts: first.ts };
    await s.event({ ...followUp, text: 'and a follow-up?', ts: slackTs() });
    const second = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('and a follow-up?')), 'the follow-up answer');
    expect(second.thread_ts).toBe(first.ts);
    // People talking to each other in the thread, and threads the bot never answered, are left alone.
    await s.event({ ...followUp, text: '<@U0BOB> what do you think?', ts: slackTs() });
    await s.event({ ...followUp, thread_ts: slackTs(), text: 'unrelated thread', ts: slackTs() });
    await s.event({ type: 'message', channel_type: 'channel', channel: CHANNEL, user: USER, text: 'top-level chatter', ts: slackTs() });
    // Restart: the answered thread is in SQLite under DATA_DIR.
    await restartBot();
    await s.event({ ...followUp, text: 'after the restart?', ts: slackTs() });
    await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('after the restart?')), 'the answer after a restart');
    const answers = s.fake.transcript(CHANNEL).map((m) => s.fake.plainText(m)).filter((t) => t.includes('answer to'));
    expect(answers).toHaveLength(3);
    expect(answers.join('\n')).not.toMatch(/what do you think|unrelated thread|top-level chatter/);
  });

  it('runs a button’s command as the user who clicked it, privately where the reply asks', async () => {
    const s = await start();
    await s.slash('/vote', '');
    const message = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('Was this helpful?')), 'the reply with buttons');
    const actions = message.blocks.find((b) => (b as { type?: string }).type === 'actions') as { elements: { action_id: string; value: string; text: { text: string } }[] };
    expect(actions.elements.map((e) => e.text.text)).toEqual(['👍', '👎']);
    const up = actions.elements[0];
    const responseUrl = s.fake.responseUrl(CHANNEL);
    await s.click({ actionId: up?.action_id ?? '', value: up?.value ?? '', user: 'U0CAROL', messageTs: message.ts, responseUrl });
    const recorded = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('recorded up on 42')), 'the feedback reply');
    expect(s.fake.plainText(recorded)).toContain('by U0CAROL');
    expect(recorded.ephemeralTo).toBeDefined();
    expect(recorded.via).toBe('response_url');
  });

  it('hands an attached CSV to the command, downloaded with the bot token', async () => {
    const s = await start();
    const csv = Buffer.from('date,model,price\n2024-05-21,qwen-long,0.5\n2024-05-22,ernie-speed,0\n');
    const file = s.fake.hostFile('prices.csv', csv);
    await s.event(mention(s, '/csv', { files: [file] }));
    const answer = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('read prices.csv')), 'the CSV answer');
    expect(s.fake.plainText(answer)).toContain(`${csv.byteLength} bytes, 3 lines, header date,model,price`);
  });

  it('refuses an attachment over MAX_ATTACHMENT_BYTES with a clear message', async () => {
    const s = await start({ env: { MAX_ATTACHMENT_BYTES: '100' } });
    const file = s.fake.hostFile('big.csv', Buffer.alloc(5_000, 'a'));
    await s.event(mention(s, '/csv', { files: [file] }));
    const refusal = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('the limit is 100 bytes')), 'the size refusal');
    expect(refusal.ephemeralTo).toBe(USER);
    // Without a size in the event, the download itself is capped.
    const { size: _size, ...unannounced } = s.fake.hostFile('big2.csv', Buffer.alloc(5_000, 'b'));
    await s.event(mention(s, '/csv', { files: [unannounced] }));
    await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => /big2\.csv is .*5,000 bytes; the limit is 100 bytes/.test(s.fake.plainText(m))), 'the download-time size refusal');
  });

  it('falls back to the response_url in a channel it cannot post to', async () => {
    const s = await start({ workingDelayMs: -1 });
    s.fake.seedChannel({ id: 'G0PRIVATE', name: 'secret', member: false });
    await s.slash('/where', '', { channel: 'G0PRIVATE' });
    const answer = await s.fake.waitFor(() => s.fake.transcript('G0PRIVATE').find((m) => s.fake.plainText(m).includes('user=U0ALICE')), 'the answer via response_url');
    expect(answer.via).toBe('response_url');
    expect(answer.ephemeralTo).toBeUndefined();
  });

  it('keeps a private answer private in a DM between other people (response_url, ephemeral)', async () => {
    const s = await start({ workingDelayMs: -1 });
    s.fake.seedChannel({ id: 'D0OTHERS', name: 'alice-bob', member: false });
    await s.slash('/nosuchcommand', '', { channel: 'D0OTHERS' });
    const answer = await s.fake.waitFor(() => s.fake.transcript('D0OTHERS').find((m) => s.fake.plainText(m).includes('There is no /nosuchcommand command')), 'the private answer');
    expect(answer.via).toBe('response_url');
    expect(answer.ephemeralTo).toBeDefined();
    expect(s.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('splits a long reply into ≤3,000-character sections, ≤50 blocks per message, the rest in follow-ups', async () => {
    const s = await start();
    await s.slash('/long', '--paragraphs 60');
    await s.fake.waitFor(() => s.fake.transcript(CHANNEL).some((m) => s.fake.plainText(m).includes('Paragraph 60:')), 'the end of the reply');
    const posted = s.fake.callsOf('chat.postMessage').map((c) => c.args.blocks as { type: string; text?: { text: string } }[]);
    expect(posted.length).toBeGreaterThan(1);
    for (const blocks of posted) {
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const block of blocks) if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    }
  });

  it('attaches a reply too long for three messages as a file', async () => {
    const s = await start();
    await s.slash('/long', '--paragraphs 200');
    const file = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => m.files.some((f) => f.name.endsWith('.txt'))), 'the overflow file');
    const content = Buffer.from(file.files[0]?.bytes ?? []).toString('utf8');
    expect(content).toContain('Paragraph 1:');
    expect(content).toContain('Paragraph 200:');
    expect(s.fake.callsOf('chat.postMessage').length).toBe(1);
  });

  it('serves /<prefix><name> with SLACK_COMMAND_PREFIX, so two bots can coexist', async () => {
    const s = await start({ env: { SLACK_COMMAND_PREFIX: 'pw-' } });
    await s.slash('/pw-where', '');
    await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('user=U0ALICE')), 'the prefixed command');
  });
});
