import { afterEach, describe, expect, it } from 'vitest';
import ask from '../../../commands/ask.js';
import faq from '../../../commands/faq.js';
import { loadConfig } from '../../../src/config.js';
import { recordingResponder, testAdapter, testBot, testMessage } from '../../fakes/bot.js';
import { fakeOpenAIPerTest } from '../../fakes/openai-compatible.js';
import { tempDir } from '../../faq/helpers.js';

describe('answering through the bot with an LLM (fake OpenAI-compatible server)', () => {
  const fake = fakeOpenAIPerTest(afterEach);

  it('through the bot: shows "composing" first, then the composed answer', async () => {
    const server = await fake({ reply: () => 'Composed answer [1].' });
    const t = tempDir('faq-llm-');
    const bot = testBot([ask, faq], { config: loadConfig({ DATA_DIR: t.dir, LLM_PROVIDER: 'openai', LLM_MODEL: 'fake-model', OPENAI_BASE_URL: server.url }, undefined) });
    try {
      const responder = recordingResponder();
      const outcome = await bot.handle(testMessage('Who is Jia Yangqing?'), responder, { adapter: testAdapter() });
      expect(outcome.reply.data).toMatchObject({ mode: 'llm', llmModel: 'openai/fake-model', confident: true });
      expect(responder.events.map((e) => e.kind)).toEqual(['send', 'update']);
      expect(responder.events[0]?.reply).toMatchObject({ tone: 'progress', text: 'Composing an answer from the knowledge base…' });
      expect(responder.events[1]?.reply.text).toBe('Composed answer [1].');
      expect(responder.events[1]?.reply.citations?.[0]?.title).toMatch(/^Jia Yangqing/);
    } finally {
      await bot.shutdown();
      t.cleanup();
    }
  });
});
