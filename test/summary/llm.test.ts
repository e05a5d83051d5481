import { afterEach, describe, expect, it } from 'vitest';
import { createChatModel } from '../../src/llm/index.js';
import { parseBullets } from '../../src/summary/llm.js';
import { summarize } from '../../src/summary/summarize.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-compatible.js';
import { EN_FIXTURE, loadFixture } from './helpers.js';

const en = loadFixture(EN_FIXTURE);
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const model = (url: string, timeoutMs = 5000) => createChatModel({ provider: 'openai', model: 'fake', baseUrl: url, timeoutMs, maxRetries: 0 });

/** The fake model cites the first and last message number it was shown, like a model following the format. */
function citingReply(body: { messages: Array<{ content: unknown }> }): string {
  const prompt = String(body.messages[body.messages.length - 1]?.content);
  const numbers = [...prompt.matchAll(/^\[(\d+)\]/gmu)].map((m) => Number(m[1]));
  if (numbers.length > 0) return `- DeepSeek's price cut and the cost comparison [${numbers[0]}][${numbers[numbers.length - 1]}]\n- A made-up topic [9999]`;
  const cited = [...prompt.matchAll(/\[(\d+)\]/gu)].map((m) => Number(m[1])).filter((n) => n < 9999);
  return `Here is the merged list:\n1. DeepSeek price cut and self-hosting costs [${cited.slice(0, 3).join(', ')}]\n2. **Claude Haiku** batch pricing is unclear [${cited[cited.length - 1]}]`;
}

describe('LLM mode', () => {
  it('map-reduces over chunks and turns cited numbers back into links', async () => {
    fake = await startFakeOpenAI({ reply: citingReply });
    const digest = await summarize(en, { llm: { model: model(fake.url), timeoutMs: 5000, chunkChars: 900 } });
    // Several map calls, then one reduce call that sees their output.
    expect(fake.requests.length).toBeGreaterThan(2);
    const reduce = String(fake.requests[fake.requests.length - 1]?.messages.at(-1)?.content);
    expect(reduce).toMatch(/Merge them/);
    expect(digest.mode).toBe('llm');
    expect(digest.llmFallback).toBeUndefined();
    expect(digest.topics.map((t) => t.title)).toEqual(['DeepSeek price cut and self-hosting costs', 'Claude Haiku batch pricing is unclear']);
    for (const topic of digest.topics) {
      expect(topic.messageIds.length).toBeGreaterThan(0);
      expect(topic.link).toBe(en.find((m) => m.id === topic.messageIds[0])?.permalink);
    }
    // Highlights and questions stay extractive, with their links.
    expect(digest.highlights.every((h) => h.link !== null)).toBe(true);
    expect(digest.unanswered[0]?.text).toMatch(/Claude Haiku/);
  });

  it('asks for the digest language', async () => {
    fake = await startFakeOpenAI({ reply: citingReply });
    await summarize(en, { lang: 'zh', llm: { model: model(fake.url), timeoutMs: 5000 } });
    expect(fake.requests).toHaveLength(1);
    expect(String(fake.requests[0]?.messages.at(-1)?.content)).toMatch(/Write in Simplified Chinese/);
  });

  it('falls back to the extractive topics and says why when the model fails', async () => {
    fake = await startFakeOpenAI({ status: 500 });
    const digest = await summarize(en, { llm: { model: model(fake.url), timeoutMs: 5000 } });
    expect(digest.mode).toBe('extractive');
    expect(digest.llmFallback).toMatch(/language model call failed.*500/);
    expect(digest.topics[0]?.title).toMatch(/DeepSeek/);
  });

  it('falls back when the model is too slow', async () => {
    fake = await startFakeOpenAI({ delayMs: 2000, reply: citingReply });
    const digest = await summarize(en, { llm: { model: model(fake.url, 300), timeoutMs: 300 } });
    expect(digest.mode).toBe('extractive');
    expect(digest.llmFallback).toMatch(/did not answer in time/);
  });

  it('falls back when the model answers without a usable list, or is misconfigured', async () => {
    fake = await startFakeOpenAI({ reply: () => 'I am sorry, I cannot help with that.' });
    const digest = await summarize(en, { llm: { model: model(fake.url), timeoutMs: 5000 } });
    expect(digest.llmFallback).toMatch(/nothing usable/);
    const misconfigured = await summarize(en, { llm: { model: () => createChatModel({ provider: 'openai', model: '', timeoutMs: 1000 }), timeoutMs: 1000 } });
    expect(misconfigured.llmFallback).toMatch(/not configured correctly/);
  });
});

describe('parseBullets', () => {
  it('reads bullets, numbered lists and citation styles', () => {
    expect(parseBullets('intro\n- one [1][2]\n* two [3, 4]\n1. three [5，6]\n• 四 [7]')).toEqual([
      { text: 'one', refs: [1, 2] },
      { text: 'two', refs: [3, 4] },
      { text: 'three', refs: [5, 6] },
      { text: '四', refs: [7] },
    ]);
  });
});
