// Signed requests to a Bolt app in HTTP mode, shaped like Slack's: slash
// commands and button clicks are form-encoded, events are JSON. Used by the
// Slack adapter tests, the bench and `test/fakes/slack-serve.ts`.
//
//   const res = await postSigned(`${botUrl}/slack/events`, slashCommandForm({ command: '/help', responseUrl }), { secret });

import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';

export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SlashCommandFields {
  readonly command: string;
  readonly text?: string;
  readonly user?: string;
  readonly userName?: string;
  readonly channel?: string;
  readonly channelName?: string;
  readonly responseUrl?: string;
  readonly triggerId?: string;
  readonly team?: string;
}

export function slashCommandForm(f: SlashCommandFields): { body: string; contentType: string } {
  const params = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: f.team ?? 'T0TEST',
    team_domain: 'fakeworkspace',
    channel_id: f.channel ?? 'C0GENERAL',
    channel_name: f.channelName ?? 'general',
    user_id: f.user ?? 'U0ALICE',
    user_name: f.userName ?? 'alice',
    command: f.command,
    text: f.text ?? '',
    api_app_id: 'A0TEST',
    is_enterprise_install: 'false',
    response_url: f.responseUrl ?? 'http://127.0.0.1:9/response/none',
    trigger_id: f.triggerId ?? `trig-${randomUUID()}`,
  });
  return { body: params.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** An Events API envelope (`event_callback`) around `event`. */
export function eventEnvelope(event: Record<string, unknown>, options: { eventId?: string; team?: string } = {}): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: options.team ?? 'T0TEST',
    api_app_id: 'A0TEST',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: options.team ?? 'T0TEST', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function eventForm(envelope: Record<string, unknown>): { body: string; contentType: string } {
  return { body: JSON.stringify(envelope), contentType: 'application/json' };
}

export interface ButtonClick {
  readonly actionId: string;
  readonly value: string;
  readonly user?: string;
  readonly channel?: string;
  readonly messageTs: string;
  readonly threadTs?: string;
  readonly responseUrl?: string;
}

/** The `block_actions` payload of one button click (what `interactive` envelopes carry too). */
export function blockActionsPayload(c: ButtonClick): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: c.user ?? 'U0ALICE', username: 'alice', name: 'alice', team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: c.messageTs, channel_id: c.channel ?? 'C0GENERAL', is_ephemeral: false, ...(c.threadTs ? { thread_ts: c.threadTs } : {}) },
    trigger_id: `trig-${randomUUID()}`,
    team: { id: 'T0TEST', domain: 'fakeworkspace' },
    channel: { id: c.channel ?? 'C0GENERAL', name: 'general' },
    message: { type: 'message', ts: c.messageTs, ...(c.threadTs ? { thread_ts: c.threadTs } : {}), user: 'UBOT', bot_id: 'BBOT', text: '' },
    response_url: c.responseUrl ?? 'http://127.0.0.1:9/response/none',
    actions: [{ type: 'button', action_id: c.actionId, block_id: 'b1', value: c.value, action_ts: `${Date.now() / 1000}` }],
  };
}

export function blockActionsForm(c: ButtonClick): { body: string; contentType: string } {
  return { body: new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(c)) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

export interface SignedPostOptions {
  readonly secret: string;
  /** Seconds since the epoch to sign with (default now); an old one tests the replay check. */
  readonly timestamp?: number;
  /** Override the signature (a wrong one tests the signature check). */
  readonly signature?: string;
  readonly headers?: Record<string, string>;
}

export interface SignedPostResult {
  readonly status: number;
  readonly body: string;
  /** Time until the response headers arrived: the ack latency. */
  readonly ms: number;
}

/** POST with Slack's signature headers; plain node:http so that hundreds can run at once. */
export function postSigned(url: string, payload: { body: string; contentType: string }, options: SignedPostOptions): Promise<SignedPostResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': payload.contentType,
    'content-length': String(Buffer.byteLength(payload.body)),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(options.secret, timestamp, payload.body),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const ms = performance.now() - started;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload.body);
  });
}
