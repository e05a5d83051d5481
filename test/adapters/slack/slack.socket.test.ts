/**
 * Socket Mode end to end: the real Bolt SocketModeReceiver connects to the
 * fake's WebSocket (through apps.connections.open at SLACK_API_URL), and the
 * test delivers envelopes the way Slack does.
 */
import { describe, expect, it } from 'vitest';
import { captureLog } from '../../fakes/bot.js';
import { useSlackBot } from './bot-session.js';
import { slackTs } from './commands.js';
import { CHANNEL, SIGNING_SECRET, USER } from './harness.js';

const { state, start, stopBot } = useSlackBot('socket');

describe('Slack Socket Mode', () => {
  it('acks a slash command envelope before the work, then answers', async () => {
    const s = await start({ workingDelayMs: -1 });
    expect(s.adapter.port).toBeUndefined();
    await s.slash('/slow', '');
    expect(s.fake.socket.acks).toHaveLength(1);
    await s.fake.waitFor(() => state.gate.entered === 1, 'the command to start');
    state.gate.release();
    await s.fake.waitFor(() => s.delivered().find((m) => m.text.includes('slow answer')), 'the answer');
    await s.fake.waitFor(() => s.delivered().find((m) => m.files.some((f) => f.name === 'slow.png')), 'the chart');
  });

  it('answers a mention in its thread and a redelivered envelope only once', async () => {
    const s = await start();
    const ts = slackTs();
    const event = { type: 'app_mention', user: USER, channel: CHANNEL, text: `<@${s.fake.botUserId}> /slow`, ts };
    await s.event(event, { eventId: 'Ev0SOCKET1' });
    await s.fake.waitFor(() => state.gate.entered === 1, 'the first delivery to start');
    await s.event(event, { eventId: 'Ev0SOCKET1', retryNum: 1 });
    state.gate.release();
    const answer = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('slow answer')), 'the answer');
    expect(answer.thread_ts).toBe(ts);
    await new Promise((r) => setTimeout(r, 150));
    expect(state.gate.entered).toBe(1);
    expect(s.fake.transcript(CHANNEL).filter((m) => s.fake.plainText(m).includes('slow answer'))).toHaveLength(1);
  });

  it('runs button clicks from interactive envelopes', async () => {
    const s = await start();
    await s.slash('/vote', '');
    const message = await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('Was this helpful?')), 'the reply with buttons');
    const actions = message.blocks.find((b) => (b as { type?: string }).type === 'actions') as { elements: { action_id: string; value: string }[] };
    const down = actions.elements[1];
    await s.click({ actionId: down?.action_id ?? '', value: down?.value ?? '', user: 'U0DAVE', messageTs: message.ts, responseUrl: s.fake.responseUrl(CHANNEL) });
    await s.fake.waitFor(() => s.fake.transcript(CHANNEL).find((m) => s.fake.plainText(m).includes('recorded down on 42 by U0DAVE')), 'the feedback reply');
  });

  it('keeps one connection up (no ping-failure reconnect loop)', async () => {
    const s = await start();
    await s.fake.socket.connected();
    // The client pings every ~1.7 s; with undici 6 (before undici 7 became a direct dependency) every ping failed and dropped the socket.
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 500));
      expect(s.fake.socket.connections).toBe(1);
    }
    expect(s.fake.callsOf('apps.connections.open')).toHaveLength(1);
  });

  it('disconnects cleanly on stop', async () => {
    const s = await start();
    await s.fake.socket.connected();
    await stopBot();
    await s.fake.waitFor(() => s.fake.socket.connections === 0, 'the socket to close');
  });

  it('never logs a token or the signing secret, even at debug level', async () => {
    // No secret scrubbing in this logger: what is not written cannot leak.
    const { log, raw } = captureLog('trace');
    const s = await start({ log });
    await s.slash('/where', '');
    await s.event({ type: 'app_mention', user: USER, channel: CHANNEL, text: `<@${s.fake.botUserId}> /explode`, ts: slackTs() });
    s.fake.fail('chat.postMessage', { status: 429, retryAfter: 0 });
    await s.slash('/vote', '');
    await s.fake.waitFor(() => s.fake.transcript(CHANNEL).filter((m) => m.via === 'chat.postMessage').length >= 3, 'three answers');
    const all = raw();
    // The debug output did see the traffic (request bodies, headers, envelopes) the secrets travel in.
    expect(all).toMatch(/http request (body|headers)/);
    expect(all).toContain('apps.connections.open');
    for (const secret of [s.fake.botToken, s.fake.appToken, SIGNING_SECRET]) expect(all).not.toContain(secret);
  });
});
