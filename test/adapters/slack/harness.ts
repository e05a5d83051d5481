/**
 * A real Slack adapter (real Bolt App, real WebClient) wired to the fake
 * Slack on 127.0.0.1, driven the way Slack drives it: signed HTTP requests
 * in HTTP mode, envelopes over the fake's WebSocket in Socket Mode.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/index.js';
import { loadConfig, type Config } from '../../../src/config.js';
import type { Conversation } from '../../../src/core/message.js';
import { createLogger } from '../../../src/logging.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../../fakes/slack.js';
import { blockActionsForm, blockActionsPayload, eventEnvelope, eventForm, postSigned, slashCommandForm, type ButtonClick, type SignedPostResult } from '../../fakes/slack-requests.js';
import type { ContractHarness, DeliveredMessage } from '../contract.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const CHANNEL = 'C0CONTRACT';
export const USER = 'U0ALICE';

export interface HarnessOptions extends Partial<Omit<SlackAdapterOptions, 'config'>> {
  readonly mode: 'http' | 'socket';
  readonly env?: Record<string, string>;
  readonly fake?: FakeSlackOptions;
}

export interface SlackHarness {
  readonly fake: FakeSlack;
  readonly adapter: SlackAdapter;
  readonly config: Config;
  readonly dataDir: string;
  readonly mode: 'http' | 'socket';
  /** HTTP mode: the adapter's endpoint (after start). */
  eventsUrl(): string;
  /** Run a slash command as `user` in `channel`; resolves when Slack got the ack. */
  slash(command: string, text: string, options?: { user?: string; channel?: string; responseUrl?: string }): Promise<{ status: number; ms: number }>;
  /** Deliver an Events API event; `retryNum` adds X-Slack-Retry-Num (HTTP) or retry_attempt (socket). */
  event(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number }): Promise<{ status: number; ms: number }>;
  click(click: ButtonClick): Promise<{ status: number; ms: number }>;
  delivered(channel?: string): DeliveredMessage[];
  close(): Promise<void>;
}

export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const fake = await startFakeSlack(options.fake);
  fake.seedChannel({ id: CHANNEL, name: 'contract' });
  const dataDir = await mkdtemp(join(tmpdir(), 'pwbot-slack-'));
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      ...(options.mode === 'socket' ? { SLACK_APP_TOKEN: fake.appToken } : {}),
      SLACK_API_URL: fake.apiUrl,
      SLACK_PORT: '0',
      DATA_DIR: dataDir,
      ...options.env,
    },
    undefined,
  );
  const { mode, env: _env, fake: _fake, ...adapterOptions } = options;
  const adapter = new SlackAdapter({
    config,
    log: createLogger({ level: process.env.SLACK_TEST_LOG ?? 'silent', secrets: [fake.botToken, fake.appToken, SIGNING_SECRET] }),
    mode,
    host: '127.0.0.1',
    retryPolicy: { retries: 1, minTimeout: 10, maxTimeout: 50 },
    updateIntervalMs: 200,
    ...adapterOptions,
  });

  const eventsUrl = (): string => {
    if (adapter.port === undefined) throw new Error('the Slack adapter is not listening (not started, or Socket Mode)');
    return `http://127.0.0.1:${adapter.port}/slack/events`;
  };
  const viaSocket = async (type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>, retryNum?: number): Promise<{ status: number; ms: number }> => {
    await fake.socket.connected();
    const ack = await fake.socket.send(type, payload, retryNum === undefined ? {} : { retryAttempt: retryNum, retryReason: 'timeout' });
    return { status: 200, ms: ack.ms };
  };
  const signed = (payload: { body: string; contentType: string }, headers?: Record<string, string>): Promise<SignedPostResult> =>
    postSigned(eventsUrl(), payload, { secret: SIGNING_SECRET, ...(headers ? { headers } : {}) });

  return {
    fake,
    adapter,
    config,
    dataDir,
    mode,
    eventsUrl,
    async slash(command, text, o = {}) {
      const channel = o.channel ?? CHANNEL;
      const form = { command, text, user: o.user ?? USER, channel, responseUrl: o.responseUrl ?? fake.responseUrl(channel) };
      if (mode === 'socket') return viaSocket('slash_commands', Object.fromEntries(new URLSearchParams(slashCommandForm(form).body)));
      return signed(slashCommandForm(form));
    },
    async event(event, o = {}) {
      const envelope = eventEnvelope(event, o.eventId ? { eventId: o.eventId } : {});
      if (mode === 'socket') return viaSocket('events_api', envelope, o.retryNum);
      return signed(eventForm(envelope), o.retryNum === undefined ? undefined : { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': 'http_timeout' });
    },
    async click(click) {
      if (mode === 'socket') return viaSocket('interactive', blockActionsPayload(click));
      return signed(blockActionsForm(click));
    },
    delivered(channel = CHANNEL) {
      return fake.transcript(channel).map((m) => ({
        id: m.ts,
        text: fake.plainText(m),
        edits: m.edits,
        files: m.files.map((f) => ({ name: f.name, bytes: f.bytes })),
        ephemeral: m.ephemeralTo !== undefined,
      }));
    },
    async close() {
      await adapter.stop();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The shared adapter contract's view: lines starting with / are slash commands, others mentions. */
export async function contractHarness(mode: 'http' | 'socket'): Promise<ContractHarness> {
  const h = await startSlackHarness({ mode });
  const conversation: Conversation = { platform: 'slack', channel: CHANNEL };
  return {
    adapter: h.adapter,
    conversation,
    async say(text) {
      const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
      if (match) await h.slash(`/${match[1]}`, match[2] ?? '');
      else await h.event({ type: 'app_mention', user: USER, channel: CHANNEL, text: `<@${h.fake.botUserId}> ${text}`, ts: `${Math.floor(Date.now() / 1000)}.000001` });
    },
    transcript: async () => h.delivered(),
    close: () => h.close(),
  };
}
