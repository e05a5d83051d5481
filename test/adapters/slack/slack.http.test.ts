/**
 * HTTP mode end to end: the real Bolt App behind the adapter, signed requests
 * from the test, the fake Slack Web API receiving what the bot sends.
 */
import { describe, expect, it } from 'vitest';
import { postSigned, slashCommandForm } from '../../fakes/slack-requests.js';
import { useSlackBot } from './bot-session.js';
import { slackTs } from './commands.js';
import { CHANNEL, SIGNING_SECRET, USER, type SlackHarness } from './harness.js';

const { state, start, restartBot } = useSlackBot('http');

const textOf = (harness: SlackHarness): string[] => harness.delivered().map((m) => m.text);

/** Fails fast instead of at the test timeout when `promise` does not settle in time. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('Slack HTTP mode: acknowledging and security', () => {
  it('acks a slash command before the work, then delivers the reply and its chart', async () => {
    const s = await start({ workingDelayMs: -1 });
    // The command blocks until the test opens the gate, which happens only after the ack: an ack that waited for the work would deadlock.
    const ack = await within(s.slash('/slow', ''), 5_000, 'the ack (sent before the work finishes)');
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3_000);
    await s.fake.waitFor(() => state.gate.entered === 1, 'the command to start');
    expect(s.fake.callsOf('chat.postMessage')).toHaveLength(0);
    state.gate.release();
    const reply = await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('slow answer')), 'the reply');
    expect(reply.text).toContain('used `/slow`');
    const chart = await s.fake.waitFor(() => s.delivered().find((m) => m.files.length > 0), 'the chart upload');
    expect(chart.files[0]?.name).toBe('slow.png');
    expect(s.fake.callsOf('files.completeUploadExternal')[0]?.args.channel_id).toBe(CHANNEL);
  });

  it('shows "working…" for a slow slash command and replaces it with the answer', async () => {
    const s = await start({ workingDelayMs: 30 });
    await s.slash('/slow', '');
    const working = await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('Working on `/slow`')), 'the working message');
    state.gate.release();
    await s.fake.waitFor(() => s.delivered().find((m) => m.id === working.id && m.text.includes('slow answer')), 'the answer in place of the working message');
    expect(s.delivered().filter((m) => !m.files.length)).toHaveLength(1);
  });

  it('rejects a request with a bad signature (401) and runs nothing', async () => {
    const s = await start();
    const result = await postSigned(s.eventsUrl(), slashCommandForm({ command: '/where', channel: CHANNEL, responseUrl: s.fake.responseUrl(CHANNEL) }), { secret: SIGNING_SECRET, signature: 'v0=deadbeef' });
    expect(result.status).toBe(401);
    const forged = await postSigned(s.eventsUrl(), slashCommandForm({ command: '/where' }), { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
  });

  it('rejects a correctly signed but stale request (older than 5 minutes) with 401', async () => {
    const s = await start();
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const result = await postSigned(s.eventsUrl(), slashCommandForm({ command: '/where' }), { secret: SIGNING_SECRET, timestamp: stale });
    expect(result.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('rejects a correctly signed request dated more than 5 minutes in the future with 401', async () => {
    const s = await start();
    const future = Math.floor(Date.now() / 1000) + 10 * 60;
    const result = await postSigned(s.eventsUrl(), slashCommandForm({ command: '/where', channel: CHANNEL, responseUrl: s.fake.responseUrl(CHANNEL) }), { secret: SIGNING_SECRET, timestamp: future });
    expect(result.status).toBe(401);
    // Within the window either way is fine (clocks drift).
    const nearFuture = await postSigned(s.eventsUrl(), slashCommandForm({ command: '/where', channel: CHANNEL, responseUrl: s.fake.responseUrl(CHANNEL) }), { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) + 60 });
    expect(nearFuture.status).toBe(200);
    await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('user=U0ALICE')), 'the in-window answer');
    await new Promise((r) => setTimeout(r, 100));
    expect(textOf(s).filter((t) => t.includes('user=U0ALICE'))).toHaveLength(1);
  });

  it('runs a captured signed slash command once when it is replayed, even after a restart', async () => {
    const s = await start();
    const form = slashCommandForm({ command: '/where', channel: CHANNEL, responseUrl: s.fake.responseUrl(CHANNEL), triggerId: 'trig-captured-1' });
    const first = await postSigned(s.eventsUrl(), form, { secret: SIGNING_SECRET });
    expect(first.status).toBe(200);
    await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('user=U0ALICE')), 'the answer');
    // The same bytes, freshly signed (a replay inside the window), and again after a restart.
    const replay = await postSigned(s.eventsUrl(), form, { secret: SIGNING_SECRET });
    expect(replay.status).toBe(200);
    await restartBot();
    await postSigned(s.eventsUrl(), form, { secret: SIGNING_SECRET });
    await new Promise((r) => setTimeout(r, 300));
    expect(textOf(s).filter((t) => t.includes('user=U0ALICE'))).toHaveLength(1);
    // A new command (a new trigger_id) with the same text still runs.
    await postSigned(s.eventsUrl(), slashCommandForm({ command: '/where', channel: CHANNEL, responseUrl: s.fake.responseUrl(CHANNEL) }), { secret: SIGNING_SECRET });
    await s.fake.waitFor(() => (textOf(s).filter((t) => t.includes('user=U0ALICE')).length === 2 ? true : undefined), 'the second, distinct command');
  });

  it('answers URL verification with the challenge', async () => {
    const s = await start();
    const body = JSON.stringify({ token: 'x', challenge: 'challenge-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    const result = await postSigned(s.eventsUrl(), { body, contentType: 'application/json' }, { secret: SIGNING_SECRET });
    expect(result.status).toBe(200);
    expect(result.body).toContain('challenge-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
  });

  it('answers GET /healthz', async () => {
    const s = await start();
    const response = await fetch(s.eventsUrl().replace('/slack/events', '/healthz'));
    expect(response.status).toBe(200);
  });
});

describe('Slack HTTP mode: events API hygiene', () => {
  it('answers a retried event once, even while the first delivery is still being worked on', async () => {
    const s = await start();
    const ts = slackTs();
    const event = { type: 'app_mention', user: USER, channel: CHANNEL, text: `<@${s.fake.botUserId}> /slow`, ts };
    await s.event(event, { eventId: 'Ev0RETRY01' });
    await s.fake.waitFor(() => state.gate.entered === 1, 'the first delivery to start');
    const retry = await s.event(event, { eventId: 'Ev0RETRY01', retryNum: 1 });
    expect(retry.status).toBe(200);
    // The same message also arrives as a `message` event with its own event id.
    await s.event({ ...event, type: 'message', channel_type: 'channel' }, { eventId: 'Ev0MSGCOPY' });
    state.gate.release();
    await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('slow answer')), 'the answer');
    await new Promise((r) => setTimeout(r, 200));
    expect(state.gate.entered).toBe(1);
    expect(textOf(s).filter((t) => t.includes('slow answer'))).toHaveLength(1);
  });

  it('remembers answered events across a restart (SQLite under DATA_DIR)', async () => {
    const s = await start();
    const event = { type: 'app_mention', user: USER, channel: CHANNEL, text: `<@${s.fake.botUserId}> /where`, ts: slackTs() };
    await s.event(event, { eventId: 'Ev0RESTART' });
    await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('user=U0ALICE')), 'the answer');
    await restartBot();
    await s.event(event, { eventId: 'Ev0RESTART', retryNum: 2 });
    await new Promise((r) => setTimeout(r, 200));
    expect(textOf(s).filter((t) => t.includes('user=U0ALICE'))).toHaveLength(1);
  });

  it('retries a 429 after Retry-After and delivers', async () => {
    const s = await start();
    s.fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    await s.slash('/where', '');
    await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('user=U0ALICE')), 'the reply after the rate limit', 8_000);
    const posts = s.fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('retries a 503 that carries Retry-After, waiting as told', async () => {
    const s = await start();
    s.fake.fail('chat.postMessage', { status: 503, retryAfter: 1 });
    await s.slash('/where', '');
    await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('user=U0ALICE')), 'the reply after the outage', 8_000);
    const posts = s.fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('turns a throwing command into a visible error with a ref id in the thread, and clears 👀', async () => {
    const s = await start();
    const ts = slackTs();
    await s.event({ type: 'app_mention', user: USER, channel: CHANNEL, text: `<@${s.fake.botUserId}> /explode`, ts });
    const error = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => /ref [0-9a-f]{8}/.test(s.fake.plainText(m))), 'the error reply');
    expect(error.thread_ts).toBe(ts);
    expect(s.fake.plainText(error)).not.toContain('internal detail');
    await s.fake.waitFor(() => s.fake.reactions.some((r) => r.ts === ts && r.name === 'eyes' && !r.added), '👀 to be removed');
  });

  it('posts a plain error when the answer itself cannot be delivered', async () => {
    const s = await start();
    const ts = slackTs();
    // The answer and the router's error reply both fail; the adapter's last-resort message goes through.
    s.fake.fail('chat.postMessage', { error: 'internal_error' }, 2);
    await s.event({ type: 'app_mention', user: USER, channel: CHANNEL, text: `<@${s.fake.botUserId}> /where`, ts });
    const fallback = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('Something went wrong while answering (ref')), 'the fallback');
    expect(fallback.thread_ts).toBe(ts);
  });

  it('swaps 👀 for ⚠️ when nothing at all can be posted', async () => {
    const s = await start();
    const ts = slackTs();
    s.fake.fail('chat.postMessage', { error: 'internal_error' }, 10);
    await s.event({ type: 'app_mention', user: USER, channel: CHANNEL, text: `<@${s.fake.botUserId}> /where`, ts });
    await s.fake.waitFor(() => s.fake.reactions.find((r) => r.ts === ts && r.name === 'warning' && r.added), 'the ⚠️ reaction');
    expect(s.fake.reactions.some((r) => r.ts === ts && r.name === 'eyes' && !r.added)).toBe(true);
  });

  it('reports progress with chat.update, coalesced and spaced per message', async () => {
    const s = await start({ updateIntervalMs: 250 });
    await s.slash('/progress', '--n 8');
    const final = await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('trained 8 epochs')), 'the final reply', 8_000);
    const updates = s.fake.callsOf('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThan(8); // 8 progress reports + 1 final would be 8 edits without coalescing
    const posts = s.fake.callsOf('chat.postMessage');
    const times = [posts[0]?.at ?? 0, ...updates.map((u) => u.at)];
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(240);
    expect(final.edits).toBe(updates.length);
    expect(s.delivered()).toHaveLength(1);
  });

  it('never edits a public progress note into a private answer: the note goes, the answer is shown to the asker alone', async () => {
    const s = await start({ updateIntervalMs: 50 });
    await s.slash('/progress', '--n 3 --secret');
    const answer = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('trained 3 epochs')), 'the private answer', 8_000);
    expect(answer.ephemeralTo).toBeDefined();
    await new Promise((r) => setTimeout(r, 100));
    const publicMessages = s.fake.transcript(CHANNEL).filter((m) => m.ephemeralTo === undefined && !m.deleted);
    expect(publicMessages.filter((m) => s.fake.plainText(m).includes('trained'))).toHaveLength(0);
    // The progress note was posted publicly; it is gone now.
    expect(s.fake.callsOf('chat.postMessage').length).toBeGreaterThanOrEqual(1);
    expect(s.fake.callsOf('chat.delete')).toHaveLength(1);
    expect(publicMessages).toHaveLength(0);
  });

  it('still edits in place after the adapter was stopped and started again', async () => {
    const s = await start({ updateIntervalMs: 100 });
    await restartBot();
    await s.slash('/progress', '--n 3');
    const final = await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('trained 3 epochs')), 'the final reply');
    expect(final.edits).toBeGreaterThanOrEqual(1);
    expect(s.delivered()).toHaveLength(1);
  });
});
