import { describe, expect, it } from 'vitest';
import { askedUnits, unaskedOfNames, undatedWhen } from '../../src/faq/asked.js';
import { AMOUNT_TERM, DATE_TERM, evidenceTerms } from '../../src/faq/evidence.js';
import type { WeightedUnit } from '../../src/faq/coverage.js';
import { Lexicon } from '../../src/faq/lexicon.js';
import { sectionStatements } from '../../src/faq/statements.js';

const unit = (text: string, terms: string[], weight = 2, topicality = 1): WeightedUnit => ({ text, terms, bigrams: [], latin: true, weight, topicality, known: true });
/** Lower-cased words, with the concepts `§acme`, `§globex` and `§price`: a stand-in for the analyzer. */
const CONCEPTS: Record<string, string> = { acme: '§acme', globex: '§globex', price: '§price', cost: '§price' };
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
