/**
 * LLM mode keeps the extractive guarantees: the open questions are the
 * detector's (the model writes topics only, so it can neither add nor drop
 * one, even when its reply talks about questions), and every highlight keeps
 * its link. Through the whole /summary command with LLM_PROVIDER set, against
 * the fake OpenAI-compatible server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import summaryCommand from '../../commands/summary.js';
import { loadConfig } from '../../src/config.js';
import { recordingResponder, testAdapter, testBot, testMessage } from '../fakes/bot.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-compatible.js';
import { loadLabels, transcriptPath } from './eval/score.js';

let dir: string;
let fake: FakeOpenAI;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pwbot-summary-llm-'));
  // A model that cites real and invented numbers, and volunteers an "open question" of its own.
  fake = await startFakeOpenAI({
    reply: (body: { messages: Array<{ content: unknown }> }) => {
      const prompt = String(body.messages.at(-1)?.content);
      const numbers = [...prompt.matchAll(/\[(\d+)\]/gu)].map((m) => Number(m[1]));
      return `- Prices keep falling across vendors [${numbers[0] ?? 1}][${numbers[1] ?? 2}]\n- Open question: will prices rise next year? [9999]\nOpen questions:\n- Who approved the budget?`;
    },
  });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function summary(file: string, env: Record<string, string>) {
  const bot = testBot([summaryCommand], { config: loadConfig({ DATA_DIR: dir, ...env }, undefined) });
  const out = await bot.handle(testMessage(`/summary --file ${file} --length full`, { platform: 'cli' }), recordingResponder(), { adapter: testAdapter('cli') });
  return out.reply.data as { mode: string; unanswered: { id: string; text: string; link: string | null }[]; highlights: { id: string; link: string | null }[]; topics: { title: string }[] };
}

describe('/summary with LLM_PROVIDER set', () => {
  it('lists exactly the open questions the detector found, and every highlight links back', async () => {
    const llmEnv = { LLM_PROVIDER: 'openai', LLM_MODEL: 'fake', OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test-not-a-secret', LLM_TIMEOUT_MS: '5000' };
    for (const { name } of loadLabels().slice(0, 4)) {
      const file = transcriptPath(name);
      const plain = await summary(file, {});
      const llm = await summary(file, llmEnv);
      expect(llm.mode, name).toBe('llm');
      expect(llm.unanswered.map((q) => q.id), name).toEqual(plain.unanswered.map((q) => q.id));
      expect(llm.unanswered.some((q) => /prices rise|approved the budget/.test(q.text))).toBe(false);
      // The model's uncited "open question" is not a topic either.
      expect(llm.topics.some((t) => /Open question/.test(t.title))).toBe(false);
      expect(llm.topics.length).toBeGreaterThan(0);
      for (const h of llm.highlights) expect(h.link, name).toMatch(/^https:\/\/pricewar-team\.slack\.com\/archives\/C\w+\/p\d{16}/);
      for (const q of llm.unanswered) expect(q.link, name).toMatch(/^https:\/\//);
    }
    expect(fake.requests.length).toBeGreaterThan(0);
  });
});
