import { describe, expect, it } from 'vitest';
import { isEnglishWord, LatinVocabulary, TypoCorrector, writtenWords } from '../../src/faq/spelling.js';

describe('LatinVocabulary: typos and clipped words of a question', () => {
  const df: Record<string, number> = { learn: 9, lean: 1, calcul: 4, calendar: 1, paramet: 3, network: 5 };
  const vocab = new LatinVocabulary(Object.keys(df), (t) => df[t] ?? 0);

  it('corrects a typo one or two edits away, the more used word first', () => {
    expect(vocab.resolve('learnn')).toBe('learn');
    expect(vocab.resolve('netwrk')).toBe('network');
  });

  it('expands a clipped word to the known word it starts', () => {
    expect(vocab.resolve('calc')).toBe('calcul');
    expect(vocab.resolve('param')).toBe('paramet');
  });

  it('a typo of a lexicon phrase stands for its concept, and a phrase is never a clipped word\'s expansion', () => {
    const withPhrases = new LatinVocabulary(Object.keys(df), (t) => df[t] ?? 0, new Map([['pretraining', '§pretraining'], ['finetuning', '§fine-tuning']]));
    expect(withPhrases.resolve('pretrainig')).toBe('§pretraining');
    expect(withPhrases.resolve('fine')).toBeUndefined();
  });

  it('leaves short words and unrelated words alone', () => {
    expect(vocab.resolve('net')).toBeUndefined();
    expect(vocab.resolve('shoe')).toBeUndefined();
    expect(vocab.resolve('pizza')).toBeUndefined();
  });
});

describe('TypoCorrector: a question\'s typos rewritten as the words the knowledge base writes', () => {
  const written = writtenWords([
    'Prices fell after DeepSeek cut them. Inference is cheaper now.',
    'Keras 例子的代码', 'Lepton AI was founded in 2023', 'The shop didn\'t show the prices.',
  ]);
  const corrector = new TypoCorrector(written, isEnglishWord);

  it('corrects a slip, two swapped letters included, and keeps a capital', () => {
    expect(corrector.correct('why are pirces falling')).toBe('why are prices falling');
    expect(corrector.correct('what happened to Leppton AI')).toBe('what happened to Lepton AI');
    expect(corrector.correct('inferene cost')).toBe('inference cost');
    expect(corrector.correct('prics')).toBe('prices');
  });

  it('corrects a Latin word inside Chinese text', () => {
    expect(corrector.correct('kersa例子跑不通')).toBe('keras例子跑不通');
  });

  it('leaves English words, known words, short words, versions and stopwords alone', () => {
    expect(corrector.correct('best running shoe')).toBe('best running shoe');
    expect(corrector.correct('deepseek prices')).toBe('deepseek prices');
    expect(corrector.correct('pri cut')).toBe('pri cut');
    expect(corrector.correct('cat kera5 deeps33k')).toBe('cat kera5 deeps33k');
    expect(corrector.correct('why didnt they')).toBe('why didnt they');
  });

  it('never learns a contraction\'s stump as a word ("didn\'t" does not make "didn" known)', () => {
    expect(written.has('didn')).toBe(false);
    expect(written.get('prices')).toBe(2);
  });

  it('knows English words from the dictionary, in any form', () => {
    expect(isEnglishWord('shoe')).toBe(true);
    expect(isEnglishWord('happened')).toBe(true);
    expect(isEnglishWord('pirces')).toBe(false);
    expect(isEnglishWord('kersa')).toBe(false);
  });
});
