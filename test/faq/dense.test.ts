// Optional dense retrieval through langchain's real OpenAIEmbeddings client,
// against a fake OpenAI-compatible embeddings server on 127.0.0.1: vectors
// cached on disk by content hash (a restart embeds nothing), rankings fused
// with the lexical one, and an unreachable provider costing one warning
// while answers stay lexical.

import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { FaqService, faqOptionsFromConfig } from '../../src/bot/faq/service.js';
import { loadConfig } from '../../src/config.js';
import { DenseIndex, embeddingsFromConfig } from '../../src/faq/dense.js';
import { FaqEngine } from '../../src/faq/engine.js';
import { loadKnowledgeBase } from '../../src/faq/loader.js';
import { rankQuestion } from '../../src/faq/rank.js';
import { createLogger } from '../../src/logging.js';
import { startFakeEmbeddings, type FakeEmbeddings } from '../fakes/openai-embeddings.js';
import { tempDir } from './helpers.js';

function embeddingsConfig(url: string, dataDir: string) {
  return loadConfig({ EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_MODEL: 'fake-embed', OPENAI_BASE_URL: url, EMBEDDINGS_TIMEOUT_MS: '3000', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, undefined);
}

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('dense retrieval (langchain OpenAIEmbeddings → fake server)', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function fake(): Promise<FakeEmbeddings> {
    const f = await startFakeEmbeddings();
    cleanups.push(() => f.close());
    return f;
  }
  function temp(): string {
    const t = tempDir('faq-dense-');
    cleanups.push(t.cleanup);
    return t.dir;
  }

  it('embeds every section once, caches the vectors by content hash, and a restart embeds nothing', async () => {
    const server = await fake();
    const dir = temp();
    const kb = await loadKnowledgeBase('knowledge');
    const setup = embeddingsFromConfig(embeddingsConfig(server.url, dir));
    expect(setup.name).toBe('openai/fake-embed');
    const cacheFile = join(dir, 'faq-embeddings.json');

    const first = await DenseIndex.build(kb.sections, { embeddings: setup.embeddings!, name: setup.name!, cacheFile });
    expect(first?.embedded).toBe(kb.sections.length);
    expect(server.inputs).toHaveLength(kb.sections.length);
    expect(existsSync(cacheFile)).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')) as object)).toHaveLength(kb.sections.length);

    const requestsBefore = server.requests;
    const again = await DenseIndex.build(kb.sections, { embeddings: embeddingsFromConfig(embeddingsConfig(server.url, dir)).embeddings!, name: setup.name!, cacheFile });
    expect(again?.embedded).toBe(0);
    expect(server.requests).toBe(requestsBefore);

    // A changed section is embedded again; the others come from the cache.
    const edited = kb.sections.map((s, i) => (i === 0 ? { ...s, body: `${s.body}\n\nOne more sentence.` } : s));
    const third = await DenseIndex.build(edited, { embeddings: setup.embeddings!, name: setup.name!, cacheFile });
    expect(third?.embedded).toBe(1);

    // Another model never reuses these vectors.
    const other = await DenseIndex.build(kb.sections, { embeddings: setup.embeddings!, name: 'openai/other-model', cacheFile });
    expect(other?.embedded).toBe(kb.sections.length);
  });

  it('fuses the dense ranking with the lexical one, and answers keep the lexical confidence rule', async () => {
    const server = await fake();
    const kb = await loadKnowledgeBase('knowledge');
    const setup = embeddingsFromConfig(embeddingsConfig(server.url, temp()));
    const engine = new FaqEngine(kb);
    engine.dense = await DenseIndex.build(kb.sections, { embeddings: setup.embeddings!, name: setup.name! });
    expect(engine.dense).toBeDefined();

    const question = 'How much did DeepSeek V2 cost per million tokens?';
    const hits = await engine.dense!.search(question, (s) => s.lang === 'en');
    expect(server.inputs.at(-1)).toBe(question);
    expect(hits!.length).toBeGreaterThan(0);
    expect(hits![0]!.similarity).toBeGreaterThanOrEqual(hits![1]!.similarity);

    const answer = await engine.answer(question);
    expect(answer.sources.map((x) => x.id), JSON.stringify(hits!.slice(0, 3).map((h) => h.section.id))).toContain('price-cuts-may-2024.en#deepseek');
    expect(answer.confident).toBe(true);
    expect(answer.section?.id).toBe('price-cuts-may-2024.en#deepseek');
    expect((await engine.answer('What is the best running shoe?')).confident).toBe(false);

    // Fusion reorders documents: a dense vote for the lexical runner-up lifts it above an unvoted leader.
    const lexical = rankQuestion(engine.index, 'price war effects on small companies');
    const second = lexical.docs[1]!.docId;
    const fused = rankQuestion(engine.index, 'price war effects on small companies', { denseDocs: [second] });
    expect(fused.docs[0]!.docId).toBe(second);
    // A document the lexical search did not find is never answered from.
    const onlyDense = rankQuestion(engine.index, 'price war effects on small companies', { denseDocs: ['no-such-doc'] });
    expect(onlyDense.docs.map((d) => d.docId)).toEqual(lexical.docs.map((d) => d.docId));
  });

  it('an unreachable provider: lexical answers and one warning, not one per question', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const log = createLogger({ level: 'debug', destination });
    const dir = temp();
    const config = embeddingsConfig(`http://127.0.0.1:${await closedPort()}/v1`, dir);
    const service = await FaqService.create({ ...faqOptionsFromConfig(config, log), watch: false });
    cleanups.push(() => service.dispose());
    expect(service.engine.dense).toBeUndefined();
    for (const q of ['Who is Jia Yangqing?', 'How much did DeepSeek V2 cost per million tokens?', '大模型价格战对中小企业有什么影响？']) {
      expect((await service.ask(q, { platform: 'test', userKey: 'test:u' })).confident, q).toBe(true);
    }
    await service.reload();
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40 && /embeddings provider unavailable/.test(l.msg));
    expect(warnings).toHaveLength(1);
  });

  it('a provider that fails after start: the question is answered lexically, one warning', async () => {
    const server = await fake();
    const kb = await loadKnowledgeBase('knowledge');
    const setup = embeddingsFromConfig(embeddingsConfig(server.url, temp()));
    let warnings = 0;
    const engine = new FaqEngine(kb);
    engine.dense = await DenseIndex.build(kb.sections, { embeddings: setup.embeddings!, name: setup.name!, onUnavailable: () => warnings++ });
    server.failWith = 500;
    const a = await engine.answer('Who is Jia Yangqing?');
    const b = await engine.answer('How much did DeepSeek V2 cost per million tokens?');
    expect([a.confident, b.confident]).toEqual([true, true]);
    expect(warnings).toBe(1);
    expect(engine.dense!.failures).toBe(2);
  });
});
