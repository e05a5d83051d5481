import { splitSentences } from '../../src/text/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaqEngine } from '../../src/faq/engine.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../../src/faq/loader.js';
import { docSource, KETTLE_EN, KETTLE_ZH, tempDir, writeDocs } from './helpers.js';
import { toTraditional } from '../../src/faq/chinese-script.js';

describe('FaqEngine on the shipped knowledge base', () => {
  let engine: FaqEngine;
  /** `asked` is answered confidently from the same section as `plain`, itself answered confidently. */
  async function answersAs(asked: string, plain: string) {
    const [a, b] = [await engine.answer(asked), await engine.answer(plain)];
    expect(b.confident, plain).toBe(true);
    expect({ confident: a.confident, section: a.section?.id }, asked).toEqual({ confident: true, section: b.section?.id });
    return a;
  }
  beforeAll(async () => {
    engine = new FaqEngine(await loadKnowledgeBase('knowledge'));
  });

  it('answers the SME question confidently from the FAQ section, with sources and a citation', async () => {
    const a = await engine.answer('大模型价格战对中小企业有什么影响？');
    expect(a).toMatchObject({ confident: true, lang: 'zh', mode: 'extractive', section: { id: 'smes.zh#impact', docId: 'smes' } });
    expect(a.sources[0]).toEqual({ id: 'smes.zh#impact', title: '大模型降价对中小企业的影响 › 对中小企业的影响', score: 1 });
    for (const s of a.sources) expect(Object.keys(s).sort()).toEqual(['id', 'score', 'title']);
    expect(a.citations[0]?.title).toBe('大模型降价对中小企业的影响 › 对中小企业的影响');
    expect(a.text).toContain('中小企业');
    expect(a.text.length).toBeLessThanOrEqual(1200);
  });

  it('says plainly there is no answer to an unrelated question and offers 3 close questions in its language', async () => {
    const zh = await engine.answer('今天天气怎么样');
    expect(zh).toMatchObject({ confident: false, mode: 'no-answer', citations: [] });
    expect(zh.text).toMatch(/^知识库里没有这个问题的答案。/);
    expect(zh.suggestions).toHaveLength(3);
    for (const s of zh.suggestions) expect(s).toMatch(/\p{Script=Han}/u);
    const en = await engine.answer("what's the weather like tomorrow?");
    expect(en.confident).toBe(false);
    expect(en.text).toMatch(/^The knowledge base has no answer to that\./);
    for (const s of en.suggestions) expect(s).not.toMatch(/\p{Script=Han}/u);
  });

  it('reads typos as the words meant: the same answer as the question typed right, and still no answer off topic', async () => {
    for (const [typed, right] of [
      ['what did DeepSeek do to its API pirces in May 2024', 'what did DeepSeek do to its API prices in May 2024'],
      ['Leppton AI 是谁创办的', 'Lepton AI 是谁创办的'],
      ['kersa例子要装什么', 'keras例子要装什么'],
      ['为啥大默型越来越便义了', '为啥大模型越来越便宜了'],
      ['腾训混元降价了吗', '腾讯混元降价了吗'],
    ] as const) {
      const a = await answersAs(typed, right);
      expect(a.question).toBe(typed);
    }
    // A real word the knowledge base does not use is no typo of one it does ("shoe" is not "show").
    expect((await engine.answer('What is the best running shoe?')).confident).toBe(false);
    expect((await engine.answer('what is the bset runnign shoe')).confident).toBe(false);
  });

  it('reads greetings, thanks and forms of address around a question as nothing: the same answer as the question alone', async () => {
    for (const [framed, plain] of [
      ['大佬们，价格战对中小企业有什么影响？谢谢！', '价格战对中小企业有什么影响'],
      ['我想问下大模型为什么越来越便宜', '大模型为什么越来越便宜'],
      ['hey, quick question: why are llm prices falling? thanks guys', 'why are llm prices falling'],
      ['i was wondering, who is jia yangqing', 'who is jia yangqing'],
    ] as const) {
      await answersAs(framed, plain);
    }
  });

  it('knows the names people write in pinyin or with their product\'s name, capitalised as names (Tongyi Qianwen, Wenxin Yiyan)', async () => {
    for (const [alias, name] of [
      ['how much did Tongyi Qianwen cut prices in May 2024', 'how much did Qwen cut prices in May 2024'],
      ['is Wenxin Yiyan free now', 'is ERNIE free now'],
    ] as const) {
      await answersAs(alias, name);
    }
  });

  it('answers a question addressed to people in the chat as the question alone (mentions and @handles are not its topic)', async () => {
    for (const addressed of ['<@U024BE7LH> What profit margin did DeepSeek disclose?', '@here what profit margin did DeepSeek disclose?']) {
      await answersAs(addressed, 'What profit margin did DeepSeek disclose?');
    }
  });

  it('answers "what title / 什么职位" from the sentence that names the role (the title is the kind of answer, not what must be written)', async () => {
    for (const q of ["jia yangqing's title at nvidia", '贾扬清在阿里当过什么职位']) {
      const a = await engine.answer(q);
      expect({ confident: a.confident, section: a.section?.id.split('#')[1] }, q).toEqual({ confident: true, section: 'biography' });
    }
  });

  it('declines what a person the knowledge base never names thinks of something it covers (黄仁勋 on buying Lepton AI)', async () => {
    expect((await engine.answer('英伟达收购 Lepton AI 花了多少钱')).confident).toBe(true);
    const other = await engine.answer('黄仁勋怎么评价收购 Lepton AI 这事');
    expect(other.confident).toBe(false);
    // Named by the knowledge base (as Zhipu's CEO), but never quoted on the price war.
    expect((await engine.answer('what does Zhang Peng, the Zhipu CEO, think about the price war?')).confident).toBe(false);
  });

  it('answers a question naming things in the other language as if it named them in its own (and in its own language)', async () => {
    for (const [mixed, own] of [
      ['Jia Yangqing 后来去了哪家公司', '贾扬清后来去了哪家公司'],
      ['how much did 阿里巴巴 cut 通义千问 prices', 'how much did Alibaba cut Qwen prices'],
    ] as const) {
      await answersAs(mixed, own);
    }
  });

  it('answers a question in traditional characters from the same section as in simplified, in traditional characters', async () => {
    const [trad, simp] = [await engine.answer('價格戰對中小企業有什麼影響？'), await engine.answer('价格战对中小企业有什么影响？')];
    expect(simp.confident).toBe(true);
    expect({ confident: trad.confident, section: trad.section?.id }).toEqual({ confident: true, section: simp.section?.id });
    expect(trad.text).toContain('中小企業');
    expect(trad.text).not.toContain('中小企业');
    expect(trad.sources[0]?.title).toBe('大模型降價對中小企業的影響 › 對中小企業的影響');
    expect(trad.question).toBe('價格戰對中小企業有什麼影響？');
    const none = await engine.answer('今天天氣怎麼樣');
    expect(none.confident).toBe(false);
    expect(none.text).toMatch(/^知識庫裡沒有這個問題的答案。/);
    for (const s of none.suggestions) expect(s).toBe(await toTraditional(s));
  });

  it('reads a question in Title Case or capitals as typed in lower case: capitals that mark every word mark no name', async () => {
    for (const lowerCase of ['should startups worry about relying on cheap llm apis', 'who kicked off the price war in china']) {
      const lower = await engine.answer(lowerCase);
      expect(lower.confident, lowerCase).toBe(true);
      for (const q of [lowerCase.replace(/\b\w/g, (c) => c.toUpperCase()), lowerCase.toUpperCase()]) {
        const a = await engine.answer(q);
        expect({ confident: a.confident, section: a.section?.id }, q).toEqual({ confident: true, section: lower.section?.id });
      }
    }
    // A name capitalised in a lower-case question is still a name the answer must mention.
    expect((await engine.answer('who is the CEO of Nvidia')).confident).toBe(false);
  });

  it('does not repeat the article\'s false biography of Jia Yangqing', async () => {
    for (const q of ['Who is Jia Yangqing?', '贾扬清是谁']) {
      const a = await engine.answer(q);
      expect(a.confident).toBe(true);
      expect(a.section?.id).toMatch(/^jia-yangqing\.(en|zh)#biography$/);
      expect(a.text).toMatch(/Caffe/);
      expect(a.text).toMatch(/Lepton AI/);
      expect(a.text).not.toMatch(/Baidu|百度|founder and CEO of Zhipu|智谱AI创始人/);
    }
    // Asked directly about the false claims, it answers with the correction.
    const c = await engine.answer('Did Jia Yangqing found Zhipu AI?');
    expect(c.section?.id).toBe('jia-yangqing.en#correction');
    expect(c.text).toMatch(/both claims are false/);
    expect(c.text).toMatch(/Zhang Peng/);
    // Answer first: the correct fact leads; the article's claim is quoted only after it.
    expect(c.text).toMatch(/^Jia Yangqing co-founded \*\*Lepton AI\*\*, not Zhipu AI/);
  });

  it('opens with the sentence that answers the question, never with a claim it corrects', async () => {
    const a = await engine.answer('What company did Jia Yangqing found?');
    expect(a.confident).toBe(true);
    expect(a.text.split('\n')[0]).toMatch(/^Jia Yangqing then co-founded \*\*Lepton AI\*\* in 2023/);
    const z = await engine.answer('贾扬清创办了哪家公司');
    expect(z.text.split('\n')[0]).toMatch(/贾扬清在 2023 年与白俊杰共同创办了 \*\*Lepton AI\*\*/);
    // The margin sentence, not the section's opening about the day's traffic (issue #12's suggestion button).
    const m = await engine.answer('What profit margin did DeepSeek disclose?');
    expect(m.confident).toBe(true);
    expect(m.text.split('\n')[0]).toMatch(/"cost profit margin" of \*\*545%\*\*/);
    // The lead is said once, not again in the context under it.
    for (const answer of [a, z]) {
      const lead = answer.text.split('\n')[0]!;
      expect(answer.text.split(lead)).toHaveLength(2);
    }
    for (const q of ['What company did Jia Yangqing found?', 'Did Jia Yangqing work at Baidu?', '贾扬清是智谱的创始人吗', 'What did Jia Yangqing say about the price war?']) {
      const first = splitSentences((await engine.answer(q)).text)[0]!;
      expect(first, q).not.toMatch(/article (calls|says)|原文(称|说)/);
    }
  });

  it('names a mismatch instead of answering a neighbouring topic ("OpenAI\'s CEO" is not Zhipu\'s)', async () => {
    const a = await engine.answer('OpenAI 的 CEO 是谁');
    expect(a.confident).toBe(false);
    expect(engine.rank('OpenAI 的 CEO 是谁').missingEntities).toEqual(['openai']);
  });

  it('declines a model variant its section does not name (a size or context length: 70b, 128k)', () => {
    expect(engine.rank('豆包pro 128k当时定价多少')).toMatchObject({ confident: false, missingEntities: ['128k'] });
    expect(engine.rank('what does lepton charge for llama 3.1 70b')).toMatchObject({ confident: false, missingEntities: ['70b'] });
    // The variants the sections do name are answered.
    expect(engine.rank('doubao pro 32k input price')).toMatchObject({ confident: true, missingEntities: [] });
    expect(engine.rank('How much does it cost to serve Llama 405B?')).toMatchObject({ confident: true, missingEntities: [] });
    expect(engine.rank('ERNIE-Speed-8K 免费了吗')).toMatchObject({ confident: true, missingEntities: [] });
    // The Chinese page writes 236B as 2360 亿: its English twin names it.
    expect(engine.rank('deepseek v2 总参数 236b，每个 token 实际激活多少')).toMatchObject({ confident: true, missingEntities: [] });
  });

  it('declines a model whose name goes on past the one its document names (DeepSeek-V2-Lite is not DeepSeek-V2)', () => {
    expect(engine.rank('deepseek-v2-lite total vs active params?')).toMatchObject({ confident: false, missingEntities: ['deepseek-v2-lite'] });
    expect(engine.rank('deepseek-v2 total vs active params?')).toMatchObject({ confident: true, missingEntities: [] });
    // A descriptor after the name is no other model.
    expect(engine.rank('per Epoch, how much cheaper per year does it get to hit GPT-3-level MMLU scores?').missingEntities).toEqual([]);
  });

  it('declines the side of a price its sentences do not give (an output price beside an input price)', () => {
    expect(engine.rank('doubao-pro-32k at 0.8 yuan input, what was its output price')).toMatchObject({ confident: false, unstatedAttributes: ['output'] });
    expect(engine.rank('豆包 lite 输入0.3元 那输出多少钱').confident).toBe(false);
    expect(engine.rank('deepseek v2 output price at launch')).toMatchObject({ confident: true, unstatedAttributes: [] });
  });

  it('declines what someone did before the job the documents name, and answers it where they list earlier ones', () => {
    expect(engine.rank('what did guido appenzeller do before joining a16z').confident).toBe(false);
    expect(engine.rank('Guido Appenzeller 去a16z之前在哪工作').confident).toBe(false);
    expect(engine.rank('what did jia yangqing do before founding lepton')).toMatchObject({ confident: true, unstatedAttributes: [] });
    expect(engine.rank('贾扬清去阿里之前在哪工作')).toMatchObject({ confident: true, unstatedAttributes: [] });
  });

  it('declines why a company did what its section only reports, and where someone went after the last company it names', () => {
    expect(engine.rank('why did baichuan hold out on the may cuts tho')).toMatchObject({ confident: false, unstatedAttributes: ['why'] });
    expect(engine.rank('月之暗面凭啥不跟降价').confident).toBe(false);
    expect(engine.rank('where did jia yangqing go after he left nvidia')).toMatchObject({ confident: false, unstatedAttributes: ['after'] });
    expect(engine.rank('贾扬清离开英伟达后去哪了').confident).toBe(false);
    expect(engine.rank('白俊杰之前在哪家公司干').confident).toBe(false);
    // Answered where the documents say it.
    expect(engine.rank('贾扬清离开英伟达了吗').confident).toBe(true);
    expect(engine.rank('why did deepseek cut its prices')).toMatchObject({ confident: true, unstatedAttributes: [] });
  });

  it('declines a price, a year or a setting asked of something its section names without it', () => {
    expect(engine.rank('kimi api price may 2024?').confident).toBe(false);
    expect(engine.rank('阿里2025年又降价了吗').confident).toBe(false);
    expect(engine.rank('After the September cut, what does Qwen-Plus input actually cost in yuan?').confident).toBe(false);
    expect(engine.rank('what learning rate does /train use by default?').confident).toBe(false);
    expect(engine.rank('阿里 2024 年 9 月第二轮降价之后，Qwen-Turbo 输入多少钱？')).toMatchObject({ confident: true });
    expect(engine.rank('deepseek v3 涨价后多少钱')).toMatchObject({ confident: true });
  });

  it('finds the section for cause, first-mover, stay-out and chat-abbreviation questions', () => {
    const at = (q: string) => {
      const r = engine.rank(q);
      return r.confident ? `${r.answer?.section.docId}#${r.answer?.section.id.split('#').pop()}` : 'declined';
    };
    expect(at('what drove llm prices down')).toBe('why-prices-fall#overview');
    expect(at('which startups skipped the may 2024 cuts')).toBe('price-cuts-may-2024#non-participants');
    expect(at('谁先降价的 谁挑起的')).toBe('price-cuts-may-2024#deepseek');
    expect(at('哪家没降')).toBe('price-cuts-may-2024#non-participants');
    expect(at('gradient descent update rule w/ lr?')).toBe('neural-network-math#gradient-descent');
    expect(at('跑原文那个 keras 例子，Python 要什么版本？')).toBe('keras-example#setup');
    expect(at('when did zhipu go public')).toBe('jia-yangqing#correction');
  });

  it('declines a year its section never speaks of', () => {
    expect(engine.rank("what was volcano engine's revenue in 2024")).toMatchObject({ confident: false, missingEntities: ['2024'] });
    expect(engine.rank('what did deepseek charge in may 2024')).toMatchObject({ confident: true, missingEntities: [] });
  });

  it('keeps source links of sourced facts as citations', async () => {
    const a = await engine.answer('How much did Alibaba cut Qwen-Long prices in May 2024?');
    expect(a.section?.id).toBe('price-cuts-may-2024.en#alibaba');
    expect(a.text).toMatch(/97\.5%/);
    expect(a.citations.some((c) => c.url?.startsWith('https://xingfushuangcheng.com/'))).toBe(true);
  });
});

describe('FaqEngine policies (small knowledge base)', () => {
  let kb: KnowledgeBase;
  const t = tempDir();
  beforeAll(async () => {
    const longBody = ['# Long', '', '## Many paragraphs {#many}', '', ...Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} about teapots and tea leaves, steeping and pouring, repeated to make it long.\n`)].join('\n');
    writeDocs(t.dir, {
      'kettle.en.md': docSource(KETTLE_EN),
      'kettle.zh.md': docSource(KETTLE_ZH),
      'teapot.en.md': docSource({ id: 'teapot', title: 'Teapots', lang: 'en', questions: ['How do I use a teapot?'], body: longBody }),
    });
    kb = await loadKnowledgeBase(t.dir);
  });
  afterAll(() => t.cleanup());

  it('answers in the question\'s language from the twin section when only the other language matched', async () => {
    const a = await new FaqEngine(kb).answer('limescale 是什么');
    expect(a.lang).toBe('zh');
    expect(a.section?.id).toBe('kettle.zh#descaling');
    expect(a.text).toContain('水垢');
  });

  it('answers from a document that exists in one language only, and says so', async () => {
    const a = await new FaqEngine(kb).answer('teapot 是什么');
    expect(a.section?.id).toBe('teapot.en#many');
    expect(a.text).toContain('这一节只有英文版');
  });

  it('trims long sections to the chat size and points to the full text', async () => {
    const a = await new FaqEngine(kb, { maxAnswerChars: 300 }).answer('teapot steeping and pouring tea leaves');
    expect(a.truncated).toBe(true);
    expect(a.text).toMatch(/Paragraph 1 about/);
    expect(a.text).not.toMatch(/Paragraph 12/);
    expect(a.text).toContain(`${t.dir}/teapot.en.md#many`);
  });

  it('answers a phrasing its text does not use from the section the phrasing is pinned to', async () => {
    const q = 'white crust inside my kettle, what now';
    const before = await new FaqEngine(kb).answer(q);
    expect(before.confident).toBe(false);
    const t2 = tempDir();
    try {
      writeDocs(t2.dir, { 'kettle.en.md': docSource({ ...KETTLE_EN, questions: [...KETTLE_EN.questions, '"{#descaling} white crust inside the kettle?"'] }) });
      const pinned = await new FaqEngine(await loadKnowledgeBase(t2.dir)).answer(q);
      expect(pinned).toMatchObject({ confident: true, section: { id: 'kettle.en#descaling' } });
      // Pinned chat phrasings help retrieval; the buttons offered on a decline are the plain questions.
      const declined = await new FaqEngine(await loadKnowledgeBase(t2.dir)).answer('white crust on my car paint');
      expect(declined.confident).toBe(false);
      expect(declined.suggestions).toEqual(['How does an electric kettle work?']);
    } finally {
      t2.cleanup();
    }
  });

  it('the confidence threshold is configurable (FAQ_MIN_SCORE)', async () => {
    const q = 'kettle thermostat and bread toaster';
    const strict = await new FaqEngine(kb, { minConfidence: 0.9 }).answer(q);
    const lax = await new FaqEngine(kb, { minConfidence: 0.1 }).answer(q);
    expect(strict.confident).toBe(false);
    expect(lax.confident).toBe(true);
    expect(strict.score).toBe(lax.score);
  });

  it('an empty knowledge base says so', async () => {
    const a = await new FaqEngine(await loadKnowledgeBase(`${t.dir}/missing`)).answer('anything at all?');
    expect(a.text).toMatch(/knowledge base is empty/);
    expect(a.suggestions).toEqual([]);
  });
});
