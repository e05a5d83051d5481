import type { ChatOllama } from '@langchain/ollama';
import { ChatOpenAI } from '@langchain/openai';
import { afterEach, describe, expect, it } from 'vitest';
import { complete, createChatModel, LlmError } from '../../src/llm/index.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-compatible.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const MESSAGES = [
  { role: 'system' as const, content: '你是价格战分析助手。' },
  { role: 'user' as const, content: 'DeepSeek 降价了吗？' },
];

// langchain keeps the retry count on its (protected) AsyncCaller.
function retriesOf(model: { caller: unknown }): number {
  return (model.caller as { maxRetries: number }).maxRetries;
}

async function rejection(p: Promise<unknown>): Promise<LlmError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(LlmError);
    return err as LlmError;
  }
  throw new Error('expected a rejection');
}

describe('createChatModel', () => {
  it('builds a ChatOpenAI pointed at the base URL with few retries', () => {
    const model = createChatModel({ provider: 'openai', model: 'gpt-4o-mini', baseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 1000 });
    // The provider class is loaded lazily (its CommonJS build), so ask the model what it is rather than instanceof.
    expect(model.constructor.name).toBe('ChatOpenAI');
    expect(model._llmType()).toBe('openai');
    expect((model as ChatOpenAI).model).toBe('gpt-4o-mini');
    expect(retriesOf(model)).toBeLessThanOrEqual(1);
  });

  it('builds a ChatOllama without any network call', () => {
    const model = createChatModel({ provider: 'ollama', model: 'qwen2.5:7b', baseUrl: 'http://127.0.0.1:9', timeoutMs: 1000, maxRetries: 5 });
    expect(model.constructor.name).toBe('ChatOllama');
    expect(model._llmType()).toBe('ollama');
    expect((model as ChatOllama).model).toBe('qwen2.5:7b');
    expect(retriesOf(model)).toBe(1); // clamped
  });

  it('rejects configurations that cannot work', () => {
    // Even with a key in the environment: secrets reach the client only through config.
    const saved = process.env['OPENAI_API_KEY'];
    process.env['OPENAI_API_KEY'] = 'sk-from-the-environment';
    try {
      expect(() => createChatModel({ provider: 'openai', model: 'gpt-4o', timeoutMs: 1000 })).toThrow(LlmError);
    } finally {
      if (saved === undefined) delete process.env['OPENAI_API_KEY'];
      else process.env['OPENAI_API_KEY'] = saved;
    }
    expect(() => createChatModel({ provider: 'openai', model: '', baseUrl: 'http://x/v1', timeoutMs: 1000 })).toThrow(/model/);
    expect(() => createChatModel({ provider: 'openai', model: 'm', baseUrl: 'http://x/v1', timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});

describe('complete against a fake OpenAI-compatible server', () => {
  it('returns the reply and sends the system and user messages', async () => {
    fake = await startFakeOpenAI({ reply: () => '是的，DeepSeek-V3 输入价格降到 0.27 美元。' });
    const model = createChatModel({ provider: 'openai', model: 'fake-model', baseUrl: fake.url, timeoutMs: 5000, temperature: 0.2 });
    const text = await complete(model, MESSAGES, { timeoutMs: 5000 });

    expect(text).toBe('是的，DeepSeek-V3 输入价格降到 0.27 美元。');
    expect(fake.requests).toHaveLength(1);
    const body = fake.requests[0]!;
    expect(body.model).toBe('fake-model');
    expect(body.temperature).toBe(0.2);
    expect(body.messages).toEqual([
      { role: 'system', content: '你是价格战分析助手。' },
      { role: 'user', content: 'DeepSeek 降价了吗？' },
    ]);
  });

  it('rejects with a timeout LlmError when the server is slower than the timeout', async () => {
    fake = await startFakeOpenAI({ delayMs: 5000 });
    // The client's own timeout is set far above ours: `complete` must not rely on it.
    const model = createChatModel({ provider: 'openai', model: 'fake-model', baseUrl: fake.url, timeoutMs: 60_000, maxRetries: 0 });
    const started = Date.now();
    const err = await rejection(complete(model, MESSAGES, { timeoutMs: 300 }));
    const elapsed = Date.now() - started;

    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3000); // the server answers only after 5 s
    expect(fake.requests).toHaveLength(1); // no retry after our timeout
    // The request was really cancelled, not left running in the background.
    await expect.poll(() => fake!.aborted, { timeout: 2000 }).toBe(1);
  });

  it('turns an HTTP 500 into LlmError with the status', async () => {
    fake = await startFakeOpenAI({ status: 500 });
    const model = createChatModel({ provider: 'openai', model: 'fake-model', baseUrl: fake.url, timeoutMs: 5000, maxRetries: 0 });
    const err = await rejection(complete(model, MESSAGES, { timeoutMs: 5000 }));
    expect(err.kind).toBe('failed');
    expect(err.status).toBe(500);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a 500 once by default and then succeeds', async () => {
    fake = await startFakeOpenAI({ status: (i) => (i === 0 ? 500 : 200), reply: () => 'ok' });
    const model = createChatModel({ provider: 'openai', model: 'fake-model', baseUrl: fake.url, timeoutMs: 5000 });
    expect(await complete(model, MESSAGES, { timeoutMs: 8000 })).toBe('ok');
    expect(fake.requests).toHaveLength(2);
  });

  it('does not retry a 401', async () => {
    fake = await startFakeOpenAI({ status: 401 });
    const model = createChatModel({ provider: 'openai', model: 'fake-model', baseUrl: fake.url, timeoutMs: 5000 });
    const err = await rejection(complete(model, MESSAGES, { timeoutMs: 5000 }));
    expect(err.status).toBe(401);
    expect(fake.requests).toHaveLength(1);
  });

  it('honours the caller abort signal', async () => {
    fake = await startFakeOpenAI({ delayMs: 5000 });
    const model = createChatModel({ provider: 'openai', model: 'fake-model', baseUrl: fake.url, timeoutMs: 60_000, maxRetries: 0 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const err = await rejection(complete(model, MESSAGES, { timeoutMs: 10_000, signal: ac.signal }));
    expect(err.kind).toBe('aborted');
    const already = await rejection(complete(model, MESSAGES, { timeoutMs: 10_000, signal: ac.signal }));
    expect(already.kind).toBe('aborted');
  });

  it('treats an empty reply as an error and strips <think> blocks', async () => {
    fake = await startFakeOpenAI({ reply: (_b, i) => (i === 0 ? '   ' : '<think>用户问价格。</think>\n降了 75%。') });
    const model = createChatModel({ provider: 'openai', model: 'fake-model', baseUrl: fake.url, timeoutMs: 5000, maxRetries: 0 });
    expect((await rejection(complete(model, MESSAGES, { timeoutMs: 5000 }))).kind).toBe('empty');
    expect(await complete(model, MESSAGES, { timeoutMs: 5000 })).toBe('降了 75%。');
  });

  it('rejects with LlmError when nothing listens', async () => {
    fake = await startFakeOpenAI();
    const url = fake.url;
    await fake.close();
    fake = undefined;
    const model = createChatModel({ provider: 'openai', model: 'fake-model', baseUrl: url, timeoutMs: 2000, maxRetries: 0 });
    const err = await rejection(complete(model, MESSAGES, { timeoutMs: 2000 }));
    expect(err.kind).toBe('failed');
  });
});

describe('the fake server', () => {
  it('streams SSE chunks when asked to', async () => {
    fake = await startFakeOpenAI({ reply: () => '价格战还在继续，谁会先撑不住？' });
    const model = new ChatOpenAI({ model: 'fake-model', apiKey: 'x', configuration: { baseURL: fake.url }, maxRetries: 0 });
    let text = '';
    for await (const chunk of await model.stream('hi')) text += chunk.content as string;
    expect(text).toBe('价格战还在继续，谁会先撑不住？');
    expect(fake.requests[0]!.stream).toBe(true);
  });
});
