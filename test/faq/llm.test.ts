import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { FaqEngine } from '../../src/faq/engine.js';
import { llmFromConfig, NO_ANSWER } from '../../src/faq/llm-answer.js';
import { loadKnowledgeBase } from '../../src/faq/loader.js';
import { fakeOpenAIPerTest, type FakeOpenAI } from '../fakes/openai-compatible.js';

const SME = '大模型价格战对中小企业有什么影响？';

function llmConfig(fake: FakeOpenAI, extra: Record<string, string> = {}) {
  return loadConfig({ LLM_PROVIDER: 'openai', LLM_MODEL: 'fake-model', OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: '3000', ...extra }, undefined);
}

describe('LLM answers through langchain (fake OpenAI-compatible server)', () => {
  const fake = fakeOpenAIPerTest(afterEach);
  const engine = async () => new FaqEngine(await loadKnowledgeBase('knowledge'));

  it('composes the answer from the retrieved passages with a grounded prompt and keeps the citations', async () => {
    const server = await fake({ reply: () => '总体利好：成本更低，小团队也能用上大模型 [1]。' });
    const { answerer } = llmFromConfig(llmConfig(server));
    expect(answerer?.name).toBe('openai/fake-model');
    const a = await (await engine()).answer(SME, { llm: answerer! });
    expect(a).toMatchObject({ mode: 'llm', confident: true, llmModel: 'openai/fake-model', text: '总体利好：成本更低，小团队也能用上大模型 [1]。' });
    expect(a.citations[0]?.title).toBe('大模型降价对中小企业的影响 › 对中小企业的影响');
    expect(server.requests).toHaveLength(1);
    const [system, user] = server.requests[0]!.messages;
    expect(system?.role).toBe('system');
    expect(String(system?.content)).toMatch(/ONLY the numbered passages/);
    expect(String(system?.content)).toMatch(/Chinese/);
    expect(String(system?.content)).toContain(NO_ANSWER);
    expect(String(user?.content)).toMatch(/^Passages:\n\n\[1\] 大模型降价对中小企业的影响 › 对中小企业的影响\n/);
    expect(String(user?.content)).toContain(`Question: ${SME}`);
    expect(server.requests[0]?.temperature).toBe(0);
  });

  it('falls back to the extractive answer, and says so, when the model call fails', async () => {
    const server = await fake({ status: 500 });
    const a = await (await engine()).answer('Who is Jia Yangqing?', { llm: llmFromConfig(llmConfig(server)).answerer! });
    expect(a).toMatchObject({ mode: 'llm-fallback', confident: true, llmError: 'failed (HTTP 500)', section: { id: 'jia-yangqing.en#biography' } });
    expect(a.text).toMatch(/^_\(The language model gave no answer: the call failed \(HTTP 500\)\. Here is the knowledge-base excerpt instead\.\)_/);
    expect(a.text).toContain('Caffe');
    expect(server.requests.length).toBeLessThanOrEqual(2); // at most one retry
  });

  it('falls back when the model does not answer in time', async () => {
    const server = await fake({ delayMs: 5000, reply: () => 'too late' });
    const started = Date.now();
    const a = await (await engine()).answer(SME, { llm: llmFromConfig(llmConfig(server, { LLM_TIMEOUT_MS: '300' })).answerer! });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(a).toMatchObject({ mode: 'llm-fallback', llmError: 'timeout' });
    expect(a.text).toMatch(/没有在限定时间内回答/);
    expect(a.text).toContain('中小企业');
  });

  it('falls back when the model says the passages do not answer', async () => {
    const server = await fake({ reply: () => NO_ANSWER });
    const a = await (await engine()).answer(SME, { llm: llmFromConfig(llmConfig(server)).answerer! });
    expect(a).toMatchObject({ mode: 'llm-fallback', llmError: 'empty' });
  });

  it('never asks the model when the knowledge base has no answer', async () => {
    const server = await fake({ reply: () => 'It will be sunny.' });
    const a = await (await engine()).answer('今天天气怎么样', { llm: llmFromConfig(llmConfig(server)).answerer! });
    expect(a.mode).toBe('no-answer');
    expect(server.requests).toHaveLength(0);
  });

  it('without LLM_PROVIDER nothing is set up; a provider without a model is reported, not guessed', () => {
    expect(llmFromConfig(loadConfig({}, undefined))).toEqual({ disabled: 'LLM_PROVIDER is not set' });
    expect(llmFromConfig(loadConfig({ LLM_PROVIDER: 'ollama' }, undefined)).disabled).toMatch(/LLM_MODEL is not set/);
  });
});
