import { describe, expect, it } from 'vitest';
import { LatinVocabulary } from '../../src/faq/spelling.js';

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
