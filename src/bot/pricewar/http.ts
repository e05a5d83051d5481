/**
 * The one HTTP client the price feeds use: Node's fetch (undici) with a
 * time limit per attempt, a cap on the body size (read as a stream, so a
 * huge body is cut off, not buffered), and a few retries with back-off for
 * what may pass (network errors, time-outs, 5xx, 429). A 4xx other than 429
 * is final. The body is parsed as JSON here: a truncated or malformed body
 * is an error like any other, and the caller keeps its previous data.
 */
export interface FetchJsonOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Attempts in all (1 = no retry). */
  readonly attempts: number;
  /** First back-off; doubles per retry. */
  readonly backoffMs?: number;
  readonly headers?: Record<string, string>;
  /** Aborts the request and any retry (the bot shutting down). */
  readonly signal?: AbortSignal;
}

export class FeedFetchError extends Error {
  override readonly name = 'FeedFetchError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new FeedFetchError(`the body is ${declared} bytes, over the ${maxBytes}-byte cap`, false);
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FeedFetchError(`the body is over the ${maxBytes}-byte cap`, false);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function attempt(url: string, options: FetchJsonOptions): Promise<unknown> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json', ...options.headers }, redirect: 'follow' });
  } catch (error) {
    if (options.signal?.aborted === true) throw new FeedFetchError('stopped (the bot is shutting down)', false);
    throw new FeedFetchError(timeout.aborted ? `no answer within ${options.timeoutMs} ms` : `cannot connect (${causeText(error)})`, true);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new FeedFetchError(`HTTP ${response.status} ${response.statusText}`.trim(), response.status >= 500 || response.status === 429);
  }
  let text: string;
  try {
    text = await readCapped(response, options.maxBytes);
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    // The connection closed before the declared length: a truncated body.
    throw new FeedFetchError(signal.aborted ? `the body did not arrive within ${options.timeoutMs} ms` : `the body was cut off (${causeText(error)})`, true);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FeedFetchError(`the body is not valid JSON (${(error as Error).message.slice(0, 120)}; ${text.length} characters received)`, false);
  }
}

function causeText(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** GET a JSON document, retrying what may pass; throws FeedFetchError naming the last reason. */
export async function fetchJson(url: string, options: FetchJsonOptions): Promise<unknown> {
  const backoff = options.backoffMs ?? 500;
  let last: FeedFetchError | undefined;
  for (let i = 0; i < Math.max(1, options.attempts); i++) {
    if (i > 0) await sleep(backoff * 2 ** (i - 1));
    if (options.signal?.aborted === true) throw new FeedFetchError('stopped (the bot is shutting down)', false);
    try {
      return await attempt(url, options);
    } catch (error) {
      last = error instanceof FeedFetchError ? error : new FeedFetchError((error as Error).message, false);
      if (!last.retryable) break;
    }
  }
  const tries = Math.max(1, options.attempts);
  throw new FeedFetchError(`${last?.message ?? 'failed'}${last?.retryable === true && tries > 1 ? ` (after ${tries} attempts)` : ''}`, false);
}
