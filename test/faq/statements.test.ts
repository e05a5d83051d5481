import { beforeAll, describe, expect, it } from 'vitest';
import { FaqEngine } from '../../src/faq/engine.js';
import { Lexicon } from '../../src/faq/lexicon.js';
import { loadKnowledgeBase, parseDocument } from '../../src/faq/loader.js';
import { rankQuestion } from '../../src/faq/rank.js';
import { SearchIndex } from '../../src/faq/search-index.js';
import { sectionStatements, statementTexts } from '../../src/faq/statements.js';
import { docSource } from './helpers.js';

describe('statements: what a section states about a name', () => {
  it('drops corrected claims of the article and negated clauses', () => {
    const squeeze = (xs: string[]) => xs.map((x) => x.replace(/\s+/g, ' ').trim());
    expect(
      squeeze(statementTexts([
        'Jia co-founded Lepton AI, not Zhipu AI, and he never worked at Baidu.',
        'The source article calls him "founder and CEO of Zhipu AI"; both claims are false.',
        'Its CEO is Zhang Peng.',
      ])),
    ).toEqual(['Jia co-founded Lepton AI , and he', 'Its CEO is Zhang Peng.']);
    expect(squeeze(statementTexts(['贾扬清创办的是 Lepton AI，不是智谱AI，他也从未在百度工作过。']))).toEqual(['贾扬清创办的是 Lepton AI , 他也']);
    expect(squeeze(statementTexts(['Volcano Engine president Tan Dai said they would not do it.']))).toEqual(['Volcano Engine president Tan Dai said they would']);
  });

  it('leaves a list of sources out, and cuts each saying into clauses', () => {
    const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
    const st = sectionStatements(['Career'], ['He left Acme in 2023.', 'Sources: Globex News, 2025-04-09.'], ['where is he now'], words);
    expect(st.sentenceCount).toBe(1);
    expect(st.sayings.some((s) => s.has('globex'))).toBe(false);
    expect(st.sayings[1]!.has('where')).toBe(true);
    const cut = sectionStatements(['Cuts'], ['Turbo −85% to 0.3 yuan, Plus −80%; Max −50%.'], [], words);
    expect(cut.clauses[0]!.map((c) => [...c].filter((t) => /^[a-z]+$/.test(t)))).toEqual([['turbo', 'to', 'yuan'], ['plus'], ['max']]);
  });

  const lexicon = Lexicon.parse('acme [name]: Acme | 艾克美\nglobex [name]: Globex | 环球\nceo [attribute]: CEO | 首席执行官\nhq [attribute]: headquarters | 总部');
  const index = SearchIndex.build(
    parseDocument(
      'people.en.md',
      docSource({ id: 'people', title: 'People in the industry', lang: 'en', questions: ['Who runs Acme?'], body: '## Leaders {#leaders}\nThe CEO of Acme is Jane Roe. Globex sells widgets in many countries.' }),
    ).sections,
    { lexicon },
  );

  it('answers an attribute of a name only from a statement that holds both', () => {
    expect(rankQuestion(index, 'Who is the CEO of Acme?')).toMatchObject({ confident: true, unstatedAttributes: [] });
    // "Globex" and "CEO" sit in two adjacent sentences: the window explains both, no statement does.
    const globex = rankQuestion(index, 'Who is the CEO of Globex?');
    expect(globex.answer?.windowCoverage).toBe(1);
    expect(globex).toMatchObject({ confident: false, unstatedAttributes: ['CEO'] });
    // A question without an attribute, or without a name, is not held to it.
    expect(rankQuestion(index, 'What does Globex sell?').unstatedAttributes).toEqual([]);
  });
});

describe('near-domain questions on the shipped knowledge base', () => {
  let engine: FaqEngine;
  beforeAll(async () => {
    engine = new FaqEngine(await loadKnowledgeBase('knowledge'));
  });

  it.each(['who is the CEO of Baidu', '百度CEO是谁', 'who founded deepseek', '英伟达股价多少', 'when was qwen 3 released', '腾讯混元的参数量是多少'])('declines "%s"', (q) => {
    expect(engine.rank(q).confident).toBe(false);
  });

  it.each(['Who is the CEO of Zhipu AI?', '智谱的CEO是谁', 'Lepton AI 是谁创办的', 'when did deepseek release v2'])('answers "%s"', (q) => {
    expect(engine.rank(q).confident).toBe(true);
  });
});
