/**
 * The Web API client and the logger bridge shared by the adapter and Bolt.
 *
 * Retry policy: the SDK's default retries for about 30 minutes, which would
 * keep a chat reply (and a test run) hanging long after anyone cares. Ours is
 * bounded: 3 retries with 1–8 s exponential back-off. A 429 is retried after
 * the server's Retry-After by the SDK itself; a 5xx that carries Retry-After
 * is held for that long (capped) by the fetch wrapper below before the policy's
 * own back-off, so both honour the server's word.
 */
import { LogLevel, webApi, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

export type RetryPolicy = webApi.RetryOptions;
export type WebClient = webApi.WebClient;

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, factor: 2, minTimeout: 1_000, maxTimeout: 8_000, randomize: true };
/** Per-request timeout: a hung connection becomes a retryable error instead of a silent wait. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
/** The longest Retry-After honoured on a 5xx; a larger value is the retry policy's problem. */
const MAX_5XX_RETRY_AFTER_S = 30;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterSeconds(response: Response): number | undefined {
  const value = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Wraps fetch so that a 5xx with Retry-After waits before the SDK sees it (and retries). */
export function honourRetryAfterOn5xx(inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status >= 500) {
      const seconds = retryAfterSeconds(response);
      if (seconds !== undefined) await sleep(Math.min(seconds, MAX_5XX_RETRY_AFTER_S) * 1000);
    }
    return response;
  };
}

export interface WebClientSettings {
  readonly slackApiUrl?: string | undefined;
  readonly retryPolicy?: RetryPolicy | undefined;
  readonly timeoutMs?: number | undefined;
  /** Throw WebAPIRateLimitedError on 429 instead of waiting (the history reader backs off itself). */
  readonly rejectRateLimitedCalls?: boolean;
}

/** Options for `new WebClient(token, …)` and for Bolt's `clientOptions`. */
export function webClientOptions(settings: WebClientSettings, logger: SlackLogger): webApi.WebClientOptions {
  return {
    ...(settings.slackApiUrl ? { slackApiUrl: settings.slackApiUrl.endsWith('/') ? settings.slackApiUrl : `${settings.slackApiUrl}/` } : {}),
    retryConfig: settings.retryPolicy ?? DEFAULT_RETRY_POLICY,
    timeout: settings.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    rejectRateLimitedCalls: settings.rejectRateLimitedCalls ?? false,
    fetch: honourRetryAfterOn5xx(),
    logger,
  };
}

export function createWebClient(token: string, settings: WebClientSettings, logger: SlackLogger): WebClient {
  return new webApi.WebClient(token, webClientOptions(settings, logger));
}

/**
 * Bolt, the Web API client and Socket Mode log through this bridge into pino
 * (whose output is scrubbed of configured secrets). Their `info` is routine
 * chatter (connections, rate-limit waits), so it goes to pino's debug except
 * for the lines an operator wants to see.
 */
export function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]): string => parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  const noteworthy = /rate limit|reconnect|disconnect|failed/i;
  return {
    debug: (...msg) => log.debug({ lib: 'slack' }, text(msg)),
    info: (...msg) => {
      const line = text(msg);
      if (noteworthy.test(line)) log.info({ lib: 'slack' }, line);
      else log.debug({ lib: 'slack' }, line);
    },
    warn: (...msg) => log.warn({ lib: 'slack' }, text(msg)),
    error: (...msg) => log.error({ lib: 'slack' }, text(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** The Slack error code of a failed Web API call (`not_in_channel`, `ratelimited`, …), if any. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
