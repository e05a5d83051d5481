import { describe, expect, it } from 'vitest';
import { askedUnits, unaskedOfNames, unpricedNames, unstatedOfVariants, unstatedPriceSide, unvaluedQuantities, unyearedNames } from '../../src/faq/asked.js';
import { AMOUNT_TERM, CHANGE_TERM, DATE_TERM, evidenceTerms } from '../../src/faq/evidence.js';
import { Lexicon } from '../../src/faq/lexicon.js';
import { acme, globex, section, unit } from '../fakes/faq-statements.js';

describe('asked: what a question asks about a name must be said about it', () => {
  it('marks amounts and dates in a sentence, and nothing else', () => {
    const marks = (text: string) => evidenceTerms(text).filter((t) => t === AMOUNT_TERM || t === DATE_TERM);
    expect(marks('later reported as about $700M')).toEqual([AMOUNT_TERM]);
    expect(marks('Doubao-pro-32k at 0.8 yuan input')).toEqual([AMOUNT_TERM]);
    expect(marks('NVIDIA completed the purchase in April 2025')).toEqual([DATE_TERM]);
    expect(marks('豆包于 2024 年 5 月发布，价格 0.8 元')).toEqual([AMOUNT_TERM, DATE_TERM]);
    expect(evidenceTerms('He wrote Caffe at Berkeley.')).toEqual([]);
    // Month names whole or abbreviated, not words that start like one; "May" only beside a number.
    expect(marks('Install it separately; the market may shift.')).toEqual([]);
    expect(marks('Cut on 21 May, again in Sept. and December')).toEqual([DATE_TERM]);
    expect(marks('prices fell in May 2024')).toEqual([DATE_TERM]);
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
  it('needs a price asked of a name beside an amount, not the name in a sentence without one', () => {
    const price = unit('price', ['§price']);
    const stayedOut = section(['Acme, Globex and Initech did not join the May cuts.']);
    expect(unpricedNames('acme api price may 2024', stayedOut, [acme], [acme, price])).toEqual(['price']);
    expect(unpricedNames('acme 多少钱', section(['Acme launched at 0.8 yuan.']), [acme], [acme])).toEqual([]);
    // A cut asked, not a price: "did not join the cuts" answers whether Acme cut.
    expect(unpricedNames('did acme cut prices', stayedOut, [acme], [acme, unit('cut prices', ['§price-cut'])])).toEqual([]);
  });

  it('needs a year asked with a name in one sentence with it', () => {
    const later = section(['In September 2024 Acme cut again.', 'In February 2025 Globex raised prices.']);
    expect(unyearedNames('acme 2025年又降价了吗', later, [acme])).toEqual(['2025']);
    expect(unyearedNames('acme 2024年又降价了吗', later, [acme])).toEqual([]);
    expect(unyearedNames('did prices fall in 2025', later, [])).toEqual([]);
  });

  it('needs the value of a setting asked beside a number, not its name in a list', () => {
    const lr = unit('learning rate', ['§learning-rate']);
    const listed = section(['Send /train; /help lists what you can change (epochs, lr, layers).']);
    expect(unvaluedQuantities('what lr does /train use by default', listed, [lr])).toEqual(['learning rate']);
    expect(unvaluedQuantities('what lr does /train use by default', section(['It trains with Adam, lr 0.001, for 10 epochs.']), [lr])).toEqual([]);
    // "What lr does it use" asks the value; the setting explained ("what is the lr", "what does the lr do") does not.
    const typed = unit('lr', ['§learning-rate']);
    expect(unvaluedQuantities('what lr does the keras example use', listed, [typed])).toEqual(['lr']);
    expect(unvaluedQuantities('what is the lr', listed, [typed])).toEqual([]);
    expect(unvaluedQuantities('what does the lr do', listed, [lr])).toEqual([]);
  });

  it('needs a sum asked of a variant in its clause or the next, and the old price when the price before a change is asked', () => {
    const lexicon = Lexicon.parse('acme [name]: Acme | 艾克美');
    const partsOf = (name: string) => name.split(/[\s-]+/).map((w) => (w.toLowerCase() === 'acme' ? acme : unit(w, [w.toLowerCase()])));
    const price = unit('price', ['§price']);
    const round = section(['Acme second round: Acme-Turbo input −85% to 0.3 yuan, Acme-Plus input −80%, Acme-Max input −50%.']);
    expect(unstatedOfVariants("what does acme-plus input cost in yuan after the cut", round, [price], partsOf, lexicon)).toEqual(['acme-plus']);
    expect(unstatedOfVariants("what does acme-turbo input cost in yuan after the cut", round, [price], partsOf, lexicon)).toEqual([]);
    // The sum in the clause after the variant's: "released Acme-V2, priced at 1 yuan".
    expect(unstatedOfVariants('acme-v2 多少钱', section(['Acme released Acme-V2, priced at 1 yuan input.']), [price], partsOf, lexicon)).toEqual([]);
    // Before a change: a sentence giving the new price only does not say the old one.
    const raised = section(['On 2025-02-08 the Acme-V3 promotion ended, and its price rose to 2 yuan.']);
    expect(unstatedOfVariants('acme-v3 涨价之前多少钱', raised, [price], partsOf, lexicon)).toEqual(['acme-v3']);
    expect(unstatedOfVariants('acme-v3 涨价之前多少钱', section(['Acme-V3 went from 1 yuan to 2 yuan.']), [price], partsOf, lexicon)).toEqual([]);
  });

  it('reads 输出价 as asking the output side of a price', () => {
    const inputOnly = section(['Acme launched at 0.8 yuan input.']);
    expect(unstatedPriceSide('acme 32k 输出价多少', inputOnly, [acme], [acme])).toEqual(['output']);
  });
});
