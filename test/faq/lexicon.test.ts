import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionUnits } from '../../src/faq/analyzer.js';
import { FaqEngine } from '../../src/faq/engine.js';
import { Lexicon, LexiconError } from '../../src/faq/lexicon.js';
import { LEXICON_FILE, loadKnowledgeBase, parseDocument } from '../../src/faq/loader.js';
import { SearchIndex } from '../../src/faq/search-index.js';
import { docSource, tempDir, writeDocs } from './helpers.js';

describe('the lexicon (knowledge/lexicon.txt)', () => {
  const shipped = Lexicon.parse(readFileSync(join('knowledge', LEXICON_FILE), 'utf8'));

  it('is data in knowledge/, bilingual, and covers the field\'s usual synonyms', () => {
    expect(shipped.size).toBeGreaterThanOrEqual(40);
    const concept = (text: string) => shipped.match(text).map((m) => m.concept);
    for (const [a, b] of [
      ['中小企业', 'SME'], ['小公司', 'small business'], ['初创公司', 'startup'], ['降价', 'cheaper'], ['价格下降', '便宜'],
      ['LLM', '大模型'], ['大语言模型', 'large language model'], ['DeepSeek', '深度求索'], ['Qwen', '通义千问'], ['ERNIE', '文心'],
      ['损失函数', 'loss function'], ['fine-tuning', 'fine tuning'], ['降价', 'prices down'], ['价格下降', 'price going down'], ['便宜', 'getting cheaper'],
      ['最新模型', 'latest model'], ['作者', 'byline'], ['降价', 'undercut'], ['便宜', '白菜价'], ['反欺诈', 'scam'], ['代码', 'snippet'],
      ['评估', 'grade'], ['Facebook', 'FB'], ['为什么', 'how come'], ['营收', 'revenue'], ['倒闭', 'belly up'], ['技巧', 'trick'], ['写错', '瞎写'],
      ['中小企业', 'small shop'], ['好处', 'good sides'], ['坏处', 'bad side'], ['示例', 'toy model'], ['算力', 'compute budget'], ['应用场景', '场景'], ['看法', 'said'], ['张鹏', 'Zhang Peng'], ['降价', 'knocked off'], ['价格战', 'race to the bottom'], ['背锅', 'who is responsible'], ['算谁的', 'liability'], ['旗舰模型', '最前沿'], ['TensorFlow', 'tf'],
    ] as const) {
      expect(concept(a), a).toEqual(concept(b));
      expect(concept(a)).toHaveLength(1);
    }
  });

  it('compiles to a regular expression V8 still optimises (source under 20 KB, kRegExpTooLargeToOptimize), with room to grow', () => {
    // Past 20 KB matching became a hundred times slower: 787 phrases, written one by one with their word boundaries, took it there.
    expect(shipped.patternLength).toBeLessThan(12 * 1024);
    expect(shipped.match('Who is the CEO of Baidu?').map((m) => m.concept)).toEqual(['§ceo', '§baidu']);
  });

  it('matches Latin phrases as whole words, with plurals, and Chinese phrases anywhere', () => {
    const lex = Lexicon.parse('sme: SME | small business | 中小企业\nllm: LLM | 大模型');
    expect(lex.match('SMEs and small businesses').map((m) => m.concept)).toEqual(['§sme', '§sme']);
    expect(lex.match('smell')).toEqual([]);
    expect(lex.match('大模型对中小企业').map((m) => m.concept)).toEqual(['§llm', '§sme']);
  });

  it('reads a group\'s kind: [name] for companies, people and models, [attribute] for what is asked about them', () => {
    const lex = Lexicon.parse('acme [name]: Acme | 艾克美\nceo [attribute]: CEO | 首席执行官\nllm: LLM | 大模型');
    expect(['§acme', '§ceo', '§llm'].map((c) => lex.kindOf(c))).toEqual(['name', 'attribute', undefined]);
    expect(lex.match('艾克美的首席执行官').map((m) => m.concept)).toEqual(['§acme', '§ceo']);
    expect(() => Lexicon.parse('acme [company]: Acme | 艾克美')).toThrow(/line 1.*\[name\] or \[attribute\]/);
    expect(shipped.kindOf('§deepseek')).toBe('name');
    expect(shipped.kindOf('§founder')).toBe('attribute');
    expect(shipped.kindOf('§revenue')).toBe('attribute');
    // "drives vendors out" is vendors leaving the market, not a cause.
    expect(shipped.match('if the price war drives vendors out').map((m) => m.concept)).toEqual(['§price-war', '§vendor-exit']);
    expect(lex.phrasesOf('§acme')).toEqual(['Acme', '艾克美']);
    expect(lex.phrasesOf('§nothing')).toEqual([]);
  });

  it('rejects malformed lines with their line number', () => {
    expect(() => Lexicon.parse('just words')).toThrow(LexiconError);
    expect(() => Lexicon.parse('# comment\nBad Id: a | b')).toThrow(/line 2/);
    expect(() => Lexicon.parse('a: one | one-two\nb: One')).toThrow(/only one phrase|needs at least two/);
    expect(() => Lexicon.parse('a: 价 | 价格')).toThrow(/too short/);
    expect(() => Lexicon.parse('a: price | cost\nb: price | fee')).toThrow(/already in group "a"/);
  });

  it('a broken lexicon file is reported and skipped; the documents still load', async () => {
    const t = tempDir('faq-lex-');
    try {
      writeDocs(t.dir, { 'a.en.md': docSource({ id: 'a', title: 'A', lang: 'en', questions: ['What is A?'], body: '## A\nA is a letter.' }) });
      writeFileSync(join(t.dir, LEXICON_FILE), 'no colon here\n');
      const kb = await loadKnowledgeBase(t.dir);
      expect(kb.docs).toHaveLength(1);
      expect(kb.problems).toEqual([{ file: LEXICON_FILE, message: expect.stringMatching(/line 1/) }]);
      expect(kb.lexicon?.size).toBe(0);
    } finally {
      t.cleanup();
    }
  });
});

describe('matching below the word level and through the lexicon', () => {
  const sections = [
    ...parseDocument('sme.zh.md', docSource({ id: 'sme', title: '降价的影响', lang: 'zh', questions: ['降价有什么影响？'], body: '## 中小企业 {#sme}\n价格下降让中小企业用得起模型。\n\n## 大厂 {#big}\n大厂的利润变薄了。' })).sections,
    ...parseDocument('loss.zh.md', docSource({ id: 'loss', title: '神经网络', lang: 'zh', questions: ['神经网络怎么训练？'], body: '## 损失函数 {#loss}\n均方误差和交叉熵是两种损失函数。\n\n## 梯度下降 {#gd}\n沿梯度的反方向更新参数。' })).sections,
  ];

  it('中小公司 finds 中小企业 with the lexicon, and still comes close by character bigrams without it', () => {
    const lexicon = Lexicon.parse('sme: 中小企业 | 中小公司');
    const withLexicon = SearchIndex.build(sections, { lexicon }).search('中小公司能得到什么');
    expect(withLexicon.hits[0]?.section.id).toBe('sme.zh#sme');
    expect(withLexicon.hits[0]?.windowCoverage).toBeGreaterThan(0.9);
    const bare = SearchIndex.build(sections).search('中小公司能得到什么');
    expect(bare.hits[0]?.section.id).toBe('sme.zh#sme');
  });

  it('损失函数 finds the loss-function section, not its neighbour', () => {
    const hits = SearchIndex.build(sections).search('常见的损失函数有哪几种').hits;
    expect(hits[0]?.section.id).toBe('loss.zh#loss');
  });

  it('question units: lexicon concepts first, then content words without chat filler', () => {
    const units = questionUnits('中小公司能从模型降价中得到什么好处', Lexicon.parse('sme: 中小企业 | 中小公司\ncut: 降价 | 便宜'));
    expect(units.map((u) => u.text)).toEqual(['中小公司', '降价', '模型', '中', '好处']);
  });

  it('a confident answer needs every main content word explained in one place ("CEO of NVIDIA")', async () => {
    const engine = new FaqEngine(await loadKnowledgeBase('knowledge'));
    expect(engine.rank('Who is the CEO of Nvidia?').confident).toBe(false);
    expect(engine.rank('Who is the CEO of Zhipu AI now').confident).toBe(true);
    expect(engine.rank('What is the best running shoe?').confident).toBe(false);
  });
});
