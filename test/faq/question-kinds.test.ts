import { describe, expect, it } from 'vitest';
import { undatedWhen, unsaidAfterLeaving, unsaidBefore, unsaidWho, unsaidWhy } from '../../src/faq/question-kinds.js';
import { Lexicon } from '../../src/faq/lexicon.js';
import { acme, globex, section, unit } from '../fakes/faq-statements.js';

describe('question kinds: what a when, who, why, before or after question needs said', () => {
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

  it('needs somewhere else named for what someone did before a step', () => {
    const lexicon = Lexicon.parse('acme [name]: Acme | 艾克美\nglobex [name]: Globex | 环球');
    const partsOf = (text: string) => text.split(/\s+/).map((w) => (w.toLowerCase() === 'acme' ? acme : w.toLowerCase() === 'globex' ? globex : unit(w, [w.toLowerCase()])));
    const present = section(["Acme's Bob Smith finds prices fall."]);
    const path = section(['Bob Smith worked at Globex, then joined Acme in 2020.']);
    expect(unsaidBefore('what did bob smith do before joining acme', present, [], partsOf, lexicon)).toEqual(['before']);
    expect(unsaidBefore('what did bob smith do before joining acme', path, [], partsOf, lexicon)).toEqual([]);
    expect(unsaidBefore('Bob Smith 去acme之前在哪工作', present, [], partsOf, lexicon)).toEqual(['before']);
    // No step named: a sentence naming two companies, a path.
    expect(unsaidBefore('bob smith 以前是做什么的', present, [], partsOf, lexicon)).toEqual(['before']);
    expect(unsaidBefore('bob smith 以前是做什么的', path, [], partsOf, lexicon)).toEqual([]);
    // "before" that is no career question.
    expect(unsaidBefore('how do you clean data before training', present, [], partsOf, lexicon)).toEqual([]);
  });

  it('needs the person asked about in the sentence naming their other companies', () => {
    const lexicon = Lexicon.parse('acme [name]: Acme | 艾克美\nglobex [name]: Globex | 环球\nzhang [name]: Zhang San | 张三');
    const partsOf = (text: string) => text.split(/\s+/).map((w) => (w.toLowerCase() === 'acme' ? acme : unit(w, [w.toLowerCase()])));
    const bob = unit('bob', ['bob'], 4);
    const path = section(['Zhang San worked at Globex and Acme.', 'In 2023 Zhang San and Bob founded Initech.']);
    expect(unsaidBefore('bob 以前在哪工作', path, [bob], partsOf, lexicon)).toEqual(['before']);
    expect(unsaidBefore('bob 以前在哪工作', section(['Bob worked at Globex, then at Acme.']), [bob], partsOf, lexicon)).toEqual([]);
    // 做过 and 当…之前 ask it too.
    expect(unsaidBefore('bob 在当 acme CEO 之前做过什么工作', section(['Bob is the CEO of Acme.']), [bob], partsOf, lexicon)).toEqual(['before']);
    // A person's name is no employer: "Zhang San and Bob founded Acme" names one company.
    expect(unsaidBefore('bob worked where before acme', section(['Zhang San and Bob founded Acme.']), [bob], partsOf, lexicon)).toEqual(['before']);
  });

  it('needs a reason given with the name for "why did X…"', () => {
    const stayedOut = section(['Acme, Globex and Initech did not join the May cuts.']);
    expect(unsaidWhy('why did acme hold out on the may cuts', stayedOut, [acme])).toEqual(['why']);
    expect(unsaidWhy('艾克美凭啥不跟降价', stayedOut, [acme])).toEqual(['why']);
    expect(unsaidWhy('why did acme cut', section(['Acme cut prices because its new chips are cheaper.']), [acme])).toEqual([]);
    expect(unsaidWhy('why did acme cut', section(['Acme cut its prices.', 'Thanks to MoE, serving costs fell.']), [acme])).toEqual([]);
    // No name: "why are prices falling" is left to coverage.
    expect(unsaidWhy('why are prices falling', stayedOut, [])).toEqual([]);
  });

  it('needs the leaving and another company for what came after someone left one', () => {
    const lexicon = Lexicon.parse('acme [name]: Acme | 艾克美\nglobex [name]: Globex | 环球\nzhang [name]: Zhang San | 张三');
    const zhang = unit('Zhang San', ['§zhang']);
    const lastWord = section(['Zhang San joined Acme in 2020.', 'He left Acme a year later.']);
    expect(unsaidAfterLeaving('where did zhang san go after he left acme', lastWord, [zhang, acme], lexicon)).toEqual(['after']);
    expect(unsaidAfterLeaving('张三离开艾克美后去哪了', lastWord, [zhang, acme], lexicon)).toEqual(['after']);
    const next = section(['Zhang San left Acme in 2023.', 'He then founded Globex.']);
    expect(unsaidAfterLeaving('where did zhang san go after he left acme', next, [zhang, acme], lexicon)).toEqual([]);
    // Not asking what came next: "did he leave Acme".
    expect(unsaidAfterLeaving('did zhang san leave acme', lastWord, [zhang, acme], lexicon)).toEqual([]);
  });
});
