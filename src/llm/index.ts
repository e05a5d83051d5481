// Optional LLM access for features that can do better with a model (FAQ
// answers, summaries, commentary) but must still work without one. So the
// contract is strict: a call either returns text within `timeoutMs` or
// rejects with LlmError, and the caller falls back to its non-LLM path.
//
// Two things in the libraries work against that contract and are pinned here:
//  - langchain retries failed calls with exponential backoff, 6 times by
//    default: minutes of waiting on a dead endpoint. We allow 0–1 retry.
//  - client timeouts do not cover everything (DNS, a server that accepts the
//    connection and never answers streaming, Ollama's client has none), so
//    `complete` races the call against its own timer and aborts the request.

import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../config.js';
// The provider clients load when a model is first built (see providers.ts).
import { ollamaProvider, openAiProvider } from './providers.js';

export type { BaseChatModel } from '@langchain/core/language_models/chat_models';

export interface LlmOptions {
  provider: 'openai' | 'ollama';
  model: string;
  /** OpenAI-compatible base URL including /v1 (vLLM, DeepSeek, a proxy), or the Ollama server (default http://localhost:11434). */
  baseUrl?: string;
  /** OpenAI only; falls back to OPENAI_API_KEY. Not needed with a keyless `baseUrl`. */
  apiKey?: string;
  /** Per-request client timeout; `complete` enforces its own as well. */
  timeoutMs: number;
  temperature?: number;
  /** Retries of a failed request (5xx, 429, network); clamped to 0–1, default 1. */
  maxRetries?: number;
}

/**
 * The model the LLM_* settings describe, or undefined without LLM_PROVIDER.
 * Grounded answers and summaries want no creativity: temperature 0. A missing
 * LLM_MODEL is passed on as '' so that `createChatModel` reports it.
 */
export function llmOptionsFromConfig(config: Config): LlmOptions | undefined {
  const provider = config.LLM_PROVIDER;
  if (provider === undefined) return undefined;
  const baseUrl = provider === 'openai' ? config.OPENAI_BASE_URL : config.OLLAMA_BASE_URL;
  return {
    provider,
    model: config.LLM_MODEL ?? '',
    timeoutMs: config.LLM_TIMEOUT_MS,
    temperature: 0,
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(provider === 'openai' && config.OPENAI_API_KEY !== undefined ? { apiKey: config.OPENAI_API_KEY } : {}),
  };
}

export type LlmErrorKind = 'timeout' | 'aborted' | 'empty' | 'config' | 'failed';

export class LlmError extends Error {
  /** What went wrong, so callers can word the fallback ("the model is slow" vs "misconfigured"). */
  readonly kind: LlmErrorKind;
  /** HTTP status of the provider's answer, when there was one. */
  readonly status: number | undefined;

  constructor(message: string, opts: { kind?: LlmErrorKind; status?: number | undefined; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'LlmError';
    this.kind = opts.kind ?? 'failed';
    this.status = opts.status;
  }
}

export type ChatRole = 'system' | 'user' | 'assistant';
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/**
 * Build a chat model. Constructing makes no network call; configuration
 * errors that can be seen up front throw LlmError (kind 'config').
 */
export function createChatModel(opts: LlmOptions): BaseChatModel {
  if (!opts.model) throw new LlmError('LLM model name is required', { kind: 'config' });
  if (!(opts.timeoutMs > 0)) throw new LlmError(`LLM timeoutMs must be > 0, got ${opts.timeoutMs}`, { kind: 'config' });
  const maxRetries = Math.min(1, Math.max(0, Math.floor(opts.maxRetries ?? 1)));

  switch (opts.provider) {
    case 'openai': {
      // Secrets come only from src/config.ts (the caller passes config.OPENAI_API_KEY), never from process.env here.
      const apiKey = opts.apiKey;
      if (!apiKey && !opts.baseUrl) {
        throw new LlmError('OpenAI provider needs an API key (OPENAI_API_KEY), or a baseUrl of a keyless server', {
          kind: 'config',
        });
      }
      return new (openAiProvider().ChatOpenAI)({
        model: opts.model,
        // The SDK refuses to send a request without a key; local servers ignore it.
        apiKey: apiKey ?? 'not-needed',
        timeout: opts.timeoutMs,
        maxRetries,
        ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
        // An explicit base URL, or none: never pick up OPENAI_BASE_URL silently
        // when the config said nothing (the SDK reads it on its own).
        configuration: opts.baseUrl ? { baseURL: opts.baseUrl } : {},
      });
    }
    case 'ollama':
      return new (ollamaProvider().ChatOllama)({
        model: opts.model,
        maxRetries,
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
      });
    default:
      throw new LlmError(`unknown LLM provider: ${String((opts as { provider: unknown }).provider)}`, { kind: 'config' });
  }
}

/**
 * One chat completion, as plain text. Rejects with LlmError on timeout
 * (kind 'timeout', at `timeoutMs` even if the client hangs), caller abort
 * ('aborted'), an empty reply ('empty') or any provider/network failure
 * ('failed', with `status` when HTTP). The in-flight request is aborted in
 * every case, so no socket outlives the call. Reasoning models' leading
 * <think>…</think> block is removed.
 */
export async function complete(
  model: BaseChatModel,
  messages: ChatMessage[],
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<string> {
  if (!(opts.timeoutMs > 0)) throw new LlmError(`timeoutMs must be > 0, got ${opts.timeoutMs}`, { kind: 'config' });
  if (messages.length === 0) throw new LlmError('no messages to send', { kind: 'config' });
  if (opts.signal?.aborted) throw abortedError(opts.signal);

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onCallerAbort: (() => void) | undefined;

  // Settles only by rejecting: first of timer or caller's abort.
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new LlmError(`LLM call timed out after ${opts.timeoutMs} ms`, { kind: 'timeout' });
      controller.abort(err);
      reject(err);
    }, opts.timeoutMs);
    if (opts.signal) {
      const signal = opts.signal;
      onCallerAbort = () => {
        const err = abortedError(signal);
        controller.abort(err);
        reject(err);
      };
      signal.addEventListener('abort', onCallerAbort, { once: true });
    }
  });

  try {
    const reply = await Promise.race([model.invoke(messages.map(toLangchain), { signal: controller.signal }), stop]);
    const text = stripThinking(contentText(reply.content));
    if (!text) throw new LlmError('LLM returned an empty reply', { kind: 'empty' });
    return text;
  } catch (err) {
    if (err instanceof LlmError) throw err;
    if (controller.signal.reason instanceof LlmError) throw controller.signal.reason;
    const status = httpStatus(err);
    throw new LlmError(`LLM call failed${status ? ` (HTTP ${status})` : ''}: ${(err as Error)?.message ?? String(err)}`, {
      kind: 'failed',
      status,
      cause: err,
    });
  } finally {
    clearTimeout(timer);
    if (onCallerAbort) opts.signal?.removeEventListener('abort', onCallerAbort);
    if (!controller.signal.aborted) controller.abort(); // release anything still attached to the signal
  }
}

/** langchain's message-like tuple: the model turns it into its own message classes, so none are imported here. */
function toLangchain(m: ChatMessage): [role: 'system' | 'ai' | 'human', content: string] {
  switch (m.role) {
    case 'system':
      return ['system', m.content];
    case 'assistant':
      return ['ai', m.content];
    default:
      return ['human', m.content];
  }
}

function abortedError(signal: AbortSignal): LlmError {
  return new LlmError('LLM call aborted', { kind: 'aborted', cause: signal.reason });
}

/** AIMessage content is a string or a list of blocks; keep only the text blocks. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: unknown) =>
      typeof block === 'string'
        ? block
        : block && typeof block === 'object' && (block as { type?: unknown }).type === 'text'
          ? String((block as { text?: unknown }).text ?? '')
          : '',
    )
    .join('');
}

// deepseek-r1, qwen3 and friends served by Ollama/vLLM put their reasoning
// inline; nobody wants it posted to a channel.
function stripThinking(text: string): string {
  return text.replace(/^\s*<think>[\s\S]*?<\/think>/u, '').trim();
}

function httpStatus(err: unknown): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { status?: unknown; response?: { status?: unknown }; status_code?: unknown };
  const s = e.status ?? e.response?.status ?? e.status_code;
  return typeof s === 'number' ? s : undefined;
}
