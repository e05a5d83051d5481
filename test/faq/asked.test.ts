import { describe, expect, it } from 'vitest';
import { askedUnits, unaskedOfNames, undatedWhen, unsaidBefore, unsaidWho, unstatedOfVariants, unstatedPriceSide } from '../../src/faq/asked.js';
import { AMOUNT_TERM, CHANGE_TERM, DATE_TERM, evidenceTerms } from '../../src/faq/evidence.js';
import type { WeightedUnit } from '../../src/faq/coverage.js';
import { Lexicon } from '../../src/faq/lexicon.js';
import { sectionStatements } from '../../src/faq/statements.js';

const unit = (text: string, terms: string[], weight = 2, topicality = 1): WeightedUnit => ({ text, terms, bigrams: [], latin: true, weight, topicality, known: true });
/** Lower-cased words, with the concepts `§acme`, `§globex`, `§price`, `§gd` and `§off-peak`: a stand-in for the analyzer. */
const CONCEPTS: Record<string, string> = { acme: '§acme', globex: '§globex', price: '§price', cost: '§price', gd: '§gd', offpeak: '§off-peak' };
const words = (text: string) => {
  const ws = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set([...ws, ...ws.flatMap((w) => (CONCEPTS[w] === undefined ? [] : [CONCEPTS[w]]))]);
};
const section = (sentences: string[], heading = 'Vendors') => sectionStatements([heading], sentences, [], words);

const acme = unit('Acme', ['§acme']);
const globex = unit('Globex', ['§globex']);

describe('asked: what a question asks about a name must be said about it', () => {
  it('marks amounts and dates in a sentence, and nothing else', () => {
    expect(evidenceTerms('later reported as about $700M')).toEqual([AMOUNT_TERM]);
    expect(evidenceTerms('Doubao-pro-32k at 0.8 yuan input')).toEqual([AMOUNT_TERM]);
    expect(evidenceTerms('NVIDIA completed the purchase in April 2025')).toEqual([DATE_TERM]);
    expect(evidenceTerms('豆包于 2024 年 5 月发布，价格 0.8 元')).toEqual([AMOUNT_TERM, DATE_TERM]);
    expect(evidenceTerms('He wrote Caffe at Berkeley.')).toEqual([]);
    // Month names whole or abbreviated, not words that start like one; "May" only beside a number.
    expect(evidenceTerms('Install it separately; the market may shift.')).toEqual([]);
    expect(evidenceTerms('Cut on 21 May, again in Sept. and December')).toEqual([DATE_TERM]);
    expect(evidenceTerms('prices fell in May 2024')).toEqual([DATE_TERM]);
  });

  it('needs a date said of what a "when" question is about', () => {
    const release = unit('come out', ['§release']);
    const widget = unit('widget', ['widget'], 3);
    const dated = section(['Acme released the widget in April 2025.']);
    const undated = section(['Acme widget releases need Python 3.9.', 'It also runs on Globex.']);
    expect(undatedWhen('when did the widget come out', dated, [], [widget, release])).toEqual([]);
    expect(undatedWhen('when did the widget come out', undated, [], [widget, release])).toEqual(['when']);
    expect(undatedWhen('Acme 哪年发布的', undated, [acme], [acme, release])).toEqual(['when']);
    // Not a date question: "when" as a conjunction, or asking for a condition.
    expect(undatedWhen('do people crop text when prepping data', undated, [], [widget])).toEqual([]);
    expect(undatedWhen('when should I use the widget', undated, [], [widget])).toEqual([]);
    expect(undatedWhen('什么时候该用 widget', undated, [], [widget])).toEqual([]);
    // An adverb between: "when exactly was…".
    expect(undatedWhen('when exactly was the widget released', undated, [], [widget, release])).toEqual(['when']);
    // 什么时候 with an event is a date question.
    expect(undatedWhen('widget 什么时候出', undated, [], [widget, release])).toEqual(['when']);
    expect(undatedWhen('widget 什么时候出', dated, [], [widget, release])).toEqual([]);
  });

  it('needs the date to be of the event asked, not any date beside the name', () => {
    const founded = unit('成立', ['成立'], 1.3, 0.4);
    const cuts = section(['Acme did not join the May-2024 cuts.']);
    expect(undatedWhen('Acme 是哪年成立的', cuts, [acme], [acme, founded])).toEqual(['when']);
    expect(undatedWhen('Acme 是哪年成立的', section(['Acme 成立 于 2023 年。']), [acme], [acme, founded])).toEqual([]);
    // A frame word (去年, 国家) is no event.
    expect(undatedWhen('Acme 哪年的', cuts, [acme], [acme, unit('去年', ['去年'], 1, 0.2)])).toEqual([]);
  });

  it('needs "who did it" said: what is asked about and the deed in one window', () => {
    const gd = unit('梯度下降', ['§gd'], 2.7);
    const invented = unit('发明', ['发明'], 2.1, 0.7);
    const explained = section(['GD 沿 负梯度 更新 参数。', '学习率 决定 步长。']);
    expect(unsaidWho('梯度下降是谁发明的', explained, [], [gd, invented])).toEqual(['who']);
    expect(unsaidWho('梯度下降是谁发明的', section(['GD was 发明 by Cauchy in 1847.']), [], [gd, invented])).toEqual([]);
    // With a name: the name and a deed in one window.
    const founded = unit('founded', ['found'], 2, 0.7);
    expect(unsaidWho('who founded Acme', section(['Acme was found by two students.']), [acme], [acme, founded])).toEqual([]);
    expect(unsaidWho('who founded Acme', section(['Acme sells widgets.', 'They are cheap.', 'Globex was found in 1990.']), [acme], [acme, founded])).toEqual(['who']);
    // Not a who question, or nothing asked beyond the name.
    expect(unsaidWho('what did Acme invent', explained, [acme], [acme, invented])).toEqual([]);
    expect(unsaidWho('who is Acme', explained, [acme], [acme])).toEqual([]);
  });

  it('needs a price or date asked of one variant stated of it in one sentence', () => {
    const lexicon = Lexicon.parse('acme [name]: Acme | 艾克美');
    const partsOf = (name: string) => name.split(/[\s-]+/).map((w) => (w.toLowerCase() === 'acme' ? acme : unit(w, [w.toLowerCase()])));
    const price = unit('多少钱', ['§price']);
    const launch = section(['Acme-Max launched at 10 yuan.', 'Acme-Lite was cut from 8 to 2 yuan.']);
    const listed = section(['Acme-Lite input from 20 yuan to 0.5 yuan.', 'Acme-Max and Acme-Mini were cut the same day.']);
    expect(unstatedOfVariants('acme-max 多少钱', launch, [price], partsOf, lexicon)).toEqual([]);
    expect(unstatedOfVariants('acme-max 多少钱', listed, [price], partsOf, lexicon)).toEqual(['acme-max']);
    // The price after a cut needs a changed amount: a launch price does not say it.
    expect(unstatedOfVariants('acme-max 降价之后多少钱', launch, [price], partsOf, lexicon)).toEqual(['acme-max']);
    expect(unstatedOfVariants('acme-lite 降价之后多少钱', launch, [price], partsOf, lexicon)).toEqual([]);
    // A version written after a name (艾克美4.0, "acme 4"); "4" is written 4.0 too.
    const table = section(['On 2024-05-06 Globex launched at 1 yuan.', 'Its table listed Acme-4.0 at 120 yuan.'].map((t) => t.replace('Acme-4.0', 'Acme 4.0')));
    const release = unit('release', ['§release']);
    expect(unstatedOfVariants('when did acme 4 come out', table, [acme, release], partsOf, lexicon)).toEqual(['acme 4']);
    expect(unstatedOfVariants('how much was acme 4', table, [acme, price], partsOf, lexicon)).toEqual([]);
    // A version after a name with a letter (deepseek r1, v2), and a one-digit part of a hyphened name (GLM-4).
    const r1 = section(['On 2024-05-06 Acme released v2 at 1 yuan.', 'Acme R1 lists at 4 yuan.']);
    expect(unstatedOfVariants('acme r1 list price when it launched', section(['On 2024-05-06 Acme v2 launched at 1 yuan.']), [acme, price], partsOf, lexicon)).toEqual(['acme r1']);
    expect(unstatedOfVariants('acme r1 list price', r1, [acme, price], partsOf, lexicon)).toEqual([]);
    expect(unstatedOfVariants('acme-4 降价之后多少钱', section(['Acme 3 was cut from 5 to 1 yuan.']), [price], partsOf, lexicon)).toEqual(['acme 4']);
    expect(unstatedOfVariants('acme-4 降价之后多少钱', section(['Acme 4 was cut from 5 to 1 yuan.']), [price], partsOf, lexicon)).toEqual([]);
    // An amount after a name is no version ("acme 1元").
    expect(unstatedOfVariants('acme 1元 是真的吗 多少钱', launch, [acme, price], partsOf, lexicon)).toEqual([]);
    // The price after a cut, however it is put ("after all the cuts").
    expect(unstatedOfVariants('how much does acme-4 cost now after all the cuts', section(['Acme 4 is listed at 100 yuan.']), [price], partsOf, lexicon)).toEqual(['acme 4']);
    // A number before 月 is a month, no version (艾克美5月…).
    expect(unstatedOfVariants('艾克美5月降价多少钱', launch, [acme, price], partsOf, lexicon)).toEqual([]);
    // Neither a price nor a date: a concept asked of the variant (an off-peak discount) must be in its sentence.
    const offPeak = unit('off-peak', ['§off-peak']);
    const later = section(['Acme introduced offpeak discounts for Acme-3.', 'Acme-4 launched with lower prices.']);
    expect(unstatedOfVariants('does the offpeak discount apply to acme-4', later, [offPeak], partsOf, lexicon)).toEqual(['acme 4']);
    expect(unstatedOfVariants('does the offpeak discount apply to acme-3', later, [offPeak], partsOf, lexicon)).toEqual([]);
    // Neither a price nor a date asked: not this rule.
    expect(unstatedOfVariants('is acme-max open source', listed, [unit('open', ['open'])], partsOf, lexicon)).toEqual([]);
  });

  it('needs the side of a price asked (output, 输出) stated with an amount', () => {
    const price = unit('price', ['§price']);
    const inputOnly = section(['Acme launched at 0.8 yuan input.']);
    const both = section(['Acme launched at 1 yuan input and 2 yuan output.']);
    expect(unstatedPriceSide('acme at 0.8 yuan input, what was its output price', inputOnly, [acme], [acme, price])).toEqual(['output']);
    expect(unstatedPriceSide('acme 输入0.8元 那输出多少钱', inputOnly, [acme], [acme, price])).toEqual(['output']);
    expect(unstatedPriceSide('acme output price', both, [acme], [acme, price])).toEqual([]);
    expect(unstatedPriceSide('acme input price', inputOnly, [acme], [acme, price])).toEqual([]);
    // No side asked, or no price asked: not this rule.
    expect(unstatedPriceSide('acme price', inputOnly, [acme], [acme, price])).toEqual([]);
    expect(unstatedPriceSide('is acme output good', inputOnly, [acme], [acme])).toEqual([]);
  });

  it('needs somewhere else named for what someone did before a step', () => {
    const lexicon = Lexicon.parse('acme [name]: Acme | 艾克美\nglobex [name]: Globex | 环球');
    const partsOf = (text: string) => text.split(/\s+/).map((w) => (w.toLowerCase() === 'acme' ? acme : w.toLowerCase() === 'globex' ? globex : unit(w, [w.toLowerCase()])));
    const present = section(["Acme's Bob Smith finds prices fall."]);
    const path = section(['Bob Smith worked at Globex, then joined Acme in 2020.']);
    expect(unsaidBefore('what did bob smith do before joining acme', present, partsOf, lexicon)).toEqual(['before']);
    expect(unsaidBefore('what did bob smith do before joining acme', path, partsOf, lexicon)).toEqual([]);
    expect(unsaidBefore('Bob Smith 去acme之前在哪工作', present, partsOf, lexicon)).toEqual(['before']);
    // No step named: a sentence naming two companies, a path.
    expect(unsaidBefore('bob smith 以前是做什么的', present, partsOf, lexicon)).toEqual(['before']);
    expect(unsaidBefore('bob smith 以前是做什么的', path, partsOf, lexicon)).toEqual([]);
    // "before" that is no career question.
    expect(unsaidBefore('how do you clean data before training', present, partsOf, lexicon)).toEqual([]);
  });

  it('marks a changed amount, not a price quoted alone', () => {
    expect(evidenceTerms('Qwen-Long input from 20 yuan to 0.5 yuan, a 97.5% cut')).toContain(CHANGE_TERM);
    expect(evidenceTerms('Qwen-Turbo input −85% to 0.3 yuan')).toContain(CHANGE_TERM);
    expect(evidenceTerms('hunyuan-lite free (was 8 yuan)')).toContain(CHANGE_TERM);
    expect(evidenceTerms('ERNIE-Speed-8K（原价 4/8 元）免费')).toContain(CHANGE_TERM);
    expect(evidenceTerms('ERNIE-Speed-8K（原 4/8 元）免费')).toContain(CHANGE_TERM);
    expect(evidenceTerms('输入从 20 元降到 0.5 元')).toContain(CHANGE_TERM);
    expect(evidenceTerms("the launch table listed Baidu's ERNIE-4.0 at about 120 yuan")).not.toContain(CHANGE_TERM);
    expect(evidenceTerms('GPT-4-Turbo at $10/$30 per million tokens')).not.toContain(CHANGE_TERM);
  });

  it('needs the asked word in the same window as the name, not two sentences away', () => {
    const s = section(['Acme sells widgets.', 'Its rivals are many.', 'Globex is open source.']);
    const open = unit('open', ['open'], 3);
    expect(unaskedOfNames(s, [acme], [open])).toEqual(['open']);
    expect(unaskedOfNames(s, [globex], [open])).toEqual([]);
  });

  it('takes an amount as the answer to a price question', () => {
    const price = unit('how much', ['§price']);
    expect(unaskedOfNames(section(['Acme bought Lepton for about $700M.']), [acme], [price])).toEqual([]);
    expect(unaskedOfNames(section(['Acme bought Lepton last spring.']), [acme], [price])).toEqual(['how much']);
  });

  it('counts what a name did not do (unlike the attribute rule)', () => {
    const join = unit('join', ['join'], 2, 0.6);
    expect(unaskedOfNames(section(['Acme did not join the cuts.']), [acme], [join])).toEqual([]);
  });

  it('takes two names in one window as their relation when only a verb is asked', () => {
    const wrote = unit('写过', ['写过'], 2.4, 0.6);
    expect(unaskedOfNames(section(['Acme maintains Globex.']), [acme, globex], [wrote])).toEqual([]);
    expect(unaskedOfNames(section(['Acme maintains tools.', 'So does everyone.', 'Globex is old.']), [acme, globex], [wrote])).toEqual(['写过']);
  });

  it('asks topic words first, verbs only when there are none; never names, versions or the kind of answer', () => {
    const lexicon = Lexicon.parse('acme [name]: Acme | 艾克美\nother [name]: Other | 其他公司');
    const units = [acme, unit('r1', ['r1']), unit('company', ['compani']), unit('train', ['train'], 2, 0.7), unit('gpu', ['gpu'])];
    expect(askedUnits(units, lexicon).map((u) => u.text)).toEqual(['gpu']);
    expect(askedUnits([acme, unit('结婚', ['结婚'], 2, 0.7), unit('去年', ['去年'], 1, 0.35)], lexicon).map((u) => u.text)).toEqual(['结婚']);
    expect(askedUnits([acme, unit('2024', ['2024'])], lexicon).map((u) => u.text)).toEqual(['2024']);
  });

  it('leaves words the knowledge base never uses to coverage, unless nothing else is asked', () => {
    const lexicon = Lexicon.parse('acme [name]: Acme | 艾克美');
    const mil = { ...unit('mil', ['mil'], 4.5), known: false };
    expect(askedUnits([acme, unit('price', ['§price']), mil], lexicon).map((u) => u.text)).toEqual(['price']);
    const employees = { ...unit('employees', ['employe'], 4.5), known: false };
    expect(askedUnits([acme, employees], lexicon).map((u) => u.text)).toEqual(['employees']);
  });
});
