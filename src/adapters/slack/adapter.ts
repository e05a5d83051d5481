/**
 * The Slack adapter: a Bolt `App` in Socket Mode (SLACK_APP_TOKEN set: no
 * public URL needed) or HTTP mode (SLACK_SIGNING_SECRET, port SLACK_PORT,
 * path /slack/events for commands, events and interactions alike).
 *
 * start() calls auth.test once (bot user id, bot id, workspace URL for
 * permalinks) and hands the ids to Bolt, so Bolt makes no calls of its own
 * before an event arrives. Bolt keeps its signature and timestamp checks
 * (HTTP mode), answers URL verification, and acks before listeners run
 * (processBeforeResponse: false). GET /healthz answers 200 in HTTP mode.
 */
import { App, HTTPReceiver, SocketModeReceiver, type Logger as SlackLogger } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { AdapterCapabilities, ChannelAccess, ChatAdapter, HistoryPage, HistoryQuery, MessageHandler, UploadFile } from '../../core/adapter.js';
import type { Conversation } from '../../core/message.js';
import type { MessageRef, Reply, ReplyHandle } from '../../core/reply.js';
import { SlackHistoryReader } from './history.js';
import { trustedFileOrigins } from './inbound.js';
import { registerListeners } from './listeners.js';
import { AckFirstWorkQueue } from './work-queue.js';
import { SlackOutgoing } from './outgoing.js';
import { RedisSlackState } from './redis-state.js';
import { MemorySlackState, openSlackState, slackStateFile, type SlackState } from './state.js';
import { createWebClient, slackErrorCode, slackLogger, webClientOptions, type RetryPolicy, type WebClient } from './web.js';

export interface SlackAdapterOptions {
  readonly config: Config;
  readonly log: Logger;
  /** 'socket' when SLACK_APP_TOKEN is set, else 'http'. */
  readonly mode?: 'http' | 'socket';
  /** HTTP mode's listen address (all interfaces by default; tests use 127.0.0.1). */
  readonly host?: string;
  /** Web API retry policy (bounded by default; tests use fewer, faster retries). */
  readonly retryPolicy?: RetryPolicy;
  /** Minimum spacing of edits to one message (Slack tolerates about one per second). */
  readonly updateIntervalMs?: number;
  /** How long a slash command may run before "⏳ Working on …" appears. */
  readonly workingDelayMs?: number;
  /** Page size for history reads (Slack's maximum useful value is 200). */
  readonly historyPageSize?: number;
  /** Keep state in memory instead of DATA_DIR/slack.sqlite. */
  readonly inMemoryState?: boolean;
  /** How many acked requests' work may run at once (the rest queue; see ./work-queue.ts). */
  readonly workConcurrency?: number;
}

const DEFAULT_UPDATE_INTERVAL_MS = 1_000;
const DEFAULT_WORKING_DELAY_MS = 1_000;
/**
 * Enough for slow, I/O-bound answers (an LLM call, a Web API round trip) to
 * overlap; few enough that their CPU bursts cannot crowd out the acks of a
 * burst of requests (bench/slack.bench.ts, 200 at once).
 */
const DEFAULT_WORK_CONCURRENCY = 16;

interface Identity {
  readonly botUserId: string;
  readonly botId: string;
  readonly workspaceUrl: string | undefined;
}

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  /** A shared workspace: the asker is somewhere else, the bot keeps running and may post on its own. */
  readonly capabilities: AdapterCapabilities = { history: true, updateInPlace: true, ephemeral: true, buttons: true, localOperator: false, outlivesReply: true, unpromptedPosts: true };
  readonly mode: 'http' | 'socket';
  private readonly token: string;
  private readonly slackLog: SlackLogger;
  private readonly client: WebClient;
  private readonly out: SlackOutgoing;
  private readonly inFlight = new Set<Promise<void>>();
  /** HTTP requests received and not yet answered: acks pending, which the work queue lets go first. */
  private acksPending = 0;
  private lastArrival = Number.NEGATIVE_INFINITY;
  private readonly work: AckFirstWorkQueue;
  private app: App | undefined;
  private server: Server | undefined;
  private state: SlackState | undefined;
  private identity: Identity | undefined;
  private history: SlackHistoryReader | undefined;
  private handler: MessageHandler | undefined;
  private stopped = false;

  constructor(private readonly options: SlackAdapterOptions) {
    const { config } = options;
    if (config.SLACK_BOT_TOKEN === undefined) throw new Error('SLACK_BOT_TOKEN is not set');
    this.mode = options.mode ?? (config.SLACK_APP_TOKEN !== undefined ? 'socket' : 'http');
    if (this.mode === 'socket' && config.SLACK_APP_TOKEN === undefined) throw new Error('Socket Mode needs SLACK_APP_TOKEN (an xapp- token with connections:write)');
    if (this.mode === 'http' && config.SLACK_SIGNING_SECRET === undefined) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
    this.token = config.SLACK_BOT_TOKEN;
    this.slackLog = slackLogger(options.log);
    this.client = createWebClient(this.token, this.clientSettings(), this.slackLog);
    this.out = new SlackOutgoing({ client: this.client, log: options.log, updateIntervalMs: options.updateIntervalMs ?? DEFAULT_UPDATE_INTERVAL_MS });
    this.work = new AckFirstWorkQueue({ concurrency: options.workConcurrency ?? DEFAULT_WORK_CONCURRENCY, acksPending: () => this.acksPending, lastArrival: () => this.lastArrival });
  }

  /** HTTP mode: the port actually listened on (useful with SLACK_PORT=0). */
  get port(): number | undefined {
    const address = this.server?.address();
    return address !== null && typeof address === 'object' ? (address as AddressInfo).port : undefined;
  }

  async start(handler: MessageHandler): Promise<void> {
    const { config, log } = this.options;
    this.handler = handler;
    this.stopped = false;
    this.out.resume();
    const identity = await this.authenticate();
    this.identity = identity;
    this.state = this.openState();
    this.history = this.historyReader(identity);
    const app = new App({
      token: this.token,
      botId: identity.botId,
      botUserId: identity.botUserId,
      tokenVerificationEnabled: false,
      receiver: this.receiver(),
      clientOptions: webClientOptions(this.clientSettings(), this.slackLog),
      logger: this.slackLog,
      convoStore: false,
    });
    app.error(async (error) => {
      log.error({ err: error, code: (error as { code?: string }).code }, 'Bolt listener error');
    });
    const state = this.state;
    registerListeners(app, {
      log,
      state,
      commandPrefix: config.SLACK_COMMAND_PREFIX,
      botUserId: identity.botUserId,
      files: { token: this.token, maxBytes: config.MAX_ATTACHMENT_BYTES, trustedOrigins: trustedFileOrigins(config.SLACK_API_URL) },
      handler: () => (this.stopped ? undefined : this.handler),
      inFlight: this.inFlight,
      work: this.work,
      session: {
        out: this.out,
        log,
        workingDelayMs: this.options.workingDelayMs ?? DEFAULT_WORKING_DELAY_MS,
        onAnswered: (channel, threadTs) => void Promise.resolve(state.rememberThread(channel, threadTs)).catch((error: unknown) => log.warn({ err: error }, 'could not remember an answered thread')),
      },
    });
    this.app = app;
    if (this.mode === 'http') {
      this.server = (await app.start({ port: config.SLACK_PORT, ...(this.options.host ? { host: this.options.host } : {}) })) as Server;
      log.info({ mode: 'http', port: this.port, path: '/slack/events', bot: identity.botUserId }, 'Slack adapter listening');
    } else {
      await app.start();
      log.info({ mode: 'socket', bot: identity.botUserId }, 'Slack adapter connected (Socket Mode)');
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.out.stop();
    const app = this.app;
    this.app = undefined;
    this.server = undefined;
    if (app !== undefined) {
      try {
        await app.stop();
      } catch (error) {
        this.options.log.debug({ err: error }, 'Bolt stop');
      }
    }
    // Let answers already under way settle briefly (their Web API calls fail fast once the process is going).
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, 2_000).unref())]);
    this.state?.close();
    this.state = undefined;
  }

  async post(to: Conversation, reply: Reply): Promise<ReplyHandle> {
    if (reply.ephemeral) this.options.log.debug('ephemeral reply posted unprompted: posted publicly (there is no user to show it to)');
    const ref = await this.out.post(to, reply);
    return this.handleFor(ref);
  }

  async update(ref: MessageRef, reply: Reply): Promise<void> {
    if (!/^\d+\.\d+$/.test(ref.id)) throw new Error(`This Slack message cannot be edited by ref (${ref.id.split(':')[0]} messages have no ts)`);
    await this.out.update(ref, reply);
  }

  async upload(to: Conversation, file: UploadFile): Promise<void> {
    await this.out.upload(to, file);
  }

  async fetchHistory(query: HistoryQuery): Promise<HistoryPage> {
    // Outside start() (a one-off script): identify first, for permalinks.
    this.history ??= this.historyReader(this.identity ?? (await this.authenticate()));
    return this.history.fetch(query);
  }

  async canUserRead(query: { channel: string; userId: string }): Promise<ChannelAccess> {
    this.history ??= this.historyReader(this.identity ?? (await this.authenticate()));
    return this.history.canRead(query.channel, query.userId);
  }

  /** History reads get their own client, which rejects 429s: the reader backs off itself instead of pausing the answers' queue. */
  private historyReader(identity: Identity): SlackHistoryReader {
    return new SlackHistoryReader({
      client: createWebClient(this.token, { ...this.clientSettings(), rejectRateLimitedCalls: true }, this.slackLog),
      log: this.options.log,
      workspaceUrl: identity.workspaceUrl,
      ...(this.options.historyPageSize ? { pageSize: this.options.historyPageSize } : {}),
    });
  }

  private handleFor(ref: MessageRef): ReplyHandle {
    return {
      ref,
      update: (next) => this.out.update(ref, next),
      followUp: (next) => this.post(ref.conversation, next),
    };
  }

  private clientSettings(): { slackApiUrl: string | undefined; retryPolicy: RetryPolicy | undefined } {
    return { slackApiUrl: this.options.config.SLACK_API_URL, retryPolicy: this.options.retryPolicy };
  }

  private receiver(): HTTPReceiver | SocketModeReceiver {
    const { config } = this.options;
    if (this.mode === 'socket') {
      return new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN as string,
        logger: this.slackLog,
        installerOptions: { clientOptions: { ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}) } },
      });
    }
    const receiver = new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET as string,
      endpoints: '/slack/events',
      processBeforeResponse: false,
      logger: this.slackLog,
      customRoutes: [
        {
          path: '/healthz',
          method: ['GET'],
          handler: (_req, res) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.end('ok');
          },
        },
      ],
    });
    // Bolt refuses a timestamp over 5 minutes old but not one from the future, which a
    // captured request could carry to stay replayable for longer: refuse both (401).
    const verified = receiver.requestListener;
    receiver.requestListener = (req, res) => {
      this.acksPending++;
      this.lastArrival = performance.now();
      let answered = false;
      const done = (): void => {
        if (answered) return;
        answered = true;
        this.acksPending--;
      };
      res.once('finish', done);
      res.once('close', done);
      if (!timestampWithinSkew(req.headers['x-slack-request-timestamp'], Date.now())) {
        this.options.log.warn({ timestamp: req.headers['x-slack-request-timestamp'] }, 'Slack request timestamp more than 5 minutes from now: refused');
        res.writeHead(401).end();
        return;
      }
      verified(req, res);
    };
    return receiver;
  }

  private async authenticate(): Promise<Identity> {
    try {
      const result = (await this.client.auth.test()) as { user_id?: string; bot_id?: string; url?: string };
      if (!result.user_id || !result.bot_id) throw new Error('auth.test did not return user_id and bot_id: is SLACK_BOT_TOKEN a bot token (xoxb-…)?');
      return { botUserId: result.user_id, botId: result.bot_id, workspaceUrl: result.url };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked') {
        throw new Error(`Slack rejected SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) from the app's "OAuth & Permissions" page`);
      }
      throw error;
    }
  }

  private openState(): SlackState {
    if (this.options.inMemoryState) return new MemorySlackState();
    // Replicas of one Slack app share what they have seen and answered (REDIS_URL).
    if (this.options.config.REDIS_URL !== undefined) return new RedisSlackState(this.options.config.REDIS_URL, this.options.log);
    const file = slackStateFile(this.options.config.DATA_DIR);
    const { state, fallbackReason } = openSlackState(file);
    if (fallbackReason !== undefined) this.options.log.warn({ file, reason: fallbackReason }, 'Slack state kept in memory only (answered threads are forgotten on restart)');
    return state;
  }
}

/** Slack's own bound on clock skew, applied both ways. */
const MAX_SKEW_SEC = 5 * 60;

/**
 * False when a request carries an `x-slack-request-timestamp` more than five
 * minutes before or after `nowMs`. A request without one is left to Bolt's
 * signature check, which refuses it.
 */
export function timestampWithinSkew(header: string | string[] | undefined, nowMs: number): boolean {
  if (header === undefined) return true;
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && Math.abs(nowMs / 1000 - seconds) <= MAX_SKEW_SEC;
}
