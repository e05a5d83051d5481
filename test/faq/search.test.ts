import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import { BaseRetriever } from '@langchain/core/retrievers';
import { beforeAll, describe, expect, it } from 'vitest';
import { FaqEngine } from '../../src/faq/engine.js';
import { loadKnowledgeBase, parseDocument, type KnowledgeBase } from '../../src/faq/loader.js';
import { FaqRetriever } from '../../src/faq/retriever.js';
import { SearchIndex } from '../../src/faq/search-index.js';
import type { Section } from '../../src/faq/types.js';
import { docSource } from './helpers.js';

function sections(...docs: Parameters<typeof docSource>[0][]): Section[] {
  return docs.flatMap((d, i) => parseDocument(`d${i}.md`, docSource(d)).sections);
}

describe('SearchIndex (BM25F)', () => {
  it('a term in the title or the questions outranks the same term deep in a long body', () => {
    const filler = 'Unrelated words about weather and cooking and travel. '.repeat(30);
    const secs = sections(
      { id: 'in-body', title: 'Miscellany', lang: 'en', questions: ['What else is there?'], body: `## Notes\n${filler} Quantisation is mentioned once here.` },
      { id: 'in-title', title: 'Quantisation', lang: 'en', questions: ['What is quantisation?'], body: '## Overview\nStoring weights in fewer bits.' },
    );
    const hits = SearchIndex.build(secs).search('quantisation').hits;
    expect(hits.map((h) => h.section.docId)).toEqual(['in-title', 'in-body']);
  });

  it('field weights change the ranking (title-heavy vs body-heavy)', () => {
    const secs = sections(
      { id: 'title-match', title: 'Batching', lang: 'en', questions: ['How are requests grouped?'], body: '## A\nRequests are grouped on the GPU.' },
      { id: 'body-match', title: 'Serving', lang: 'en', questions: ['How is a model served?'], body: '## A\nBatching, batching and more batching keeps the GPU busy.' },
    );
    const top = (weights: { title: number; questions: number; body: number }) => SearchIndex.build(secs, { weights }).search('batching').hits[0]?.section.docId;
    expect(top({ title: 10, questions: 1, body: 0.1 })).toBe('title-match');
    expect(top({ title: 0.1, questions: 1, body: 10 })).toBe('body-match');
  });

  it('segments Chinese with jieba: 中小企业 in a question meets 企业 in a document', () => {
    const secs = sections(
      { id: 'sme', title: '企业成本', lang: 'zh', questions: ['企业用模型贵吗？'], body: '## 成本\n降价以后，企业调用模型的成本下降了。' },
      { id: 'other', title: '天气', lang: 'zh', questions: ['明天下雨吗？'], body: '## 预报\n明天多云。' },
    );
    const result = SearchIndex.build(secs).search('中小企业的成本会下降吗');
    expect(result.hits[0]?.section.docId).toBe('sme');
    expect(result.hits[0]?.matched).toEqual(expect.arrayContaining(['企业', '成本', '下降']));
  });

  it('indexes a hyphened word also as one word: "startups" meets "start-ups"', () => {
    const secs = sections(
      { id: 'out', title: 'Vendors', lang: 'en', questions: ['Who sat out?'], body: '## Out\nThe start-ups Acme and Globex did not join.' },
      { id: 'risk', title: 'Risks', lang: 'en', questions: ['What is risky?'], body: '## Risk\nCompanies may not join, and firms may fail.' },
    );
    const hit = SearchIndex.build(secs).search('which startups did not join').hits[0];
    expect(hit?.section.docId).toBe('out');
    expect(hit?.matched).toContain('startup');
  });

  it('stems English and handles mixed text; coverage is the idf-weighted share matched', () => {
    const secs = sections(
      { id: 'a', title: 'Prices', lang: 'en', questions: ['Why are prices falling?'], body: '## A\nGPT-4o prices fell after competition.' },
      { id: 'b', title: 'Other', lang: 'en', questions: ['Something else?'], body: '## B\nNothing to see.' },
    );
    const index = SearchIndex.build(secs);
    const hit = index.search('gpt 4o price falls').hits[0];
    expect(hit?.section.docId).toBe('a');
    expect(hit?.coverage).toBeCloseTo(1, 5);
    const half = index.search('price bitcoin').hits[0];
    expect(half?.coverage).toBeGreaterThan(0);
    expect(half?.coverage).toBeLessThan(0.5); // the unknown word is the rarer one
  });
});

describe('FaqRetriever (langchain)', () => {
  let kb: KnowledgeBase;
  let engine: FaqEngine;
  beforeAll(async () => {
    kb = await loadKnowledgeBase('knowledge');
    engine = new FaqEngine(kb);
  });

  it('is a BaseRetriever returning ranked sections with metadata', async () => {
    const retriever = new FaqRetriever({ engine, k: 3 });
    expect(retriever).toBeInstanceOf(BaseRetriever);
    const docs = await retriever.invoke('大模型价格战对中小企业有什么影响？');
    expect(docs).toHaveLength(3);
    expect(docs[0]?.metadata).toMatchObject({ id: 'smes.zh#impact', docId: 'smes', lang: 'zh', confident: true });
    expect(docs[0]?.pageContent).toContain('中小企业');
    expect(docs[0]!.metadata.score).toBeGreaterThanOrEqual(docs[1]!.metadata.score * 0.5);
  });

  it('composes with a langchain chain (retriever → format → prompt text)', async () => {
    const retriever = new FaqRetriever({ engine: () => engine, k: 2 });
    const chain = RunnableSequence.from([
      retriever,
      RunnableLambda.from((docs: Awaited<ReturnType<typeof retriever.invoke>>) => docs.map((d, i) => `[${i + 1}] ${d.metadata.title}`).join('\n')),
    ]);
    const text = await chain.invoke('Who is Jia Yangqing?');
    expect(text).toMatch(/^\[1\] Jia Yangqing: his real career/);
  });
});

describe('chat phrasings on the shipped knowledge base', () => {
  let engine: FaqEngine;
  beforeAll(async () => {
    engine = new FaqEngine(await loadKnowledgeBase('knowledge'));
  });

  it('a frame word around explained things does not sink the answer ("A和B的区别"), one unexplained thing still does', () => {
    expect(engine.rank('交叉熵和均方误差的区别').answer?.section.id).toBe('neural-network-math.zh#loss');
    expect(engine.rank('交叉熵和均方误差的区别').confident).toBe(true);
    expect(engine.rank('Who is the CEO of Nvidia?').confident).toBe(false);
  });

  it('English words in a Chinese question are explained by the section\'s English twin', () => {
    expect(engine.rank('jia yangqing现在还在英伟达吗')).toMatchObject({ confident: true, missingEntities: [] });
    expect(engine.rank('epoch ai 9x 900x 是什么意思').confident).toBe(true);
  });

  it('clipped words and verb forms frame a question instead of sinking it', () => {
    expect(engine.rank('calc gpu cost per day for serving a model')).toMatchObject({ confident: true });
    expect(engine.rank('hows the 545% margin calculated').answer?.section.id).toBe('inference-economics.en#deepseek-2025');
    expect(engine.rank('hows the 545% margin calculated').confident).toBe(true);
  });
});
