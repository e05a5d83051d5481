import { describe, expect, it } from 'vitest';
import { alternativePairs, withAlternatives } from '../../src/faq/alternatives.js';
import type { WeightedUnit } from '../../src/faq/coverage.js';
import { unitMatch } from '../../src/faq/coverage.js';

const unit = (text: string, known: boolean, weight = 2): WeightedUnit => ({ text, terms: [text], bigrams: [], latin: /^[a-z]+$/.test(text), weight, topicality: 1, known });

describe('alternativePairs', () => {
  it('reads the words on either side of 还是 / or, and the parallel form 抬高门槛还是拉低门槛', () => {
    expect(alternativePairs('价格战对中小企业总体算利好还是利空')).toEqual([['利好', '利空']]);
    expect(alternativePairs('降价到底是抬高门槛还是拉低门槛啊')).toEqual([['抬高', '拉低']]);
    expect(alternativePairs('is that legit or marketing')).toEqual([['legit', 'market']]);
    expect(alternativePairs('what did deepseek charge')).toEqual([]);
  });
});

describe('withAlternatives', () => {
  it('merges a pair into one unit, explained by either, when the knowledge base cannot state one of them', () => {
    const units = [unit('中小企业', true), unit('利好', true, 1.5), unit('利空', false, 4.5)];
    const merged = withAlternatives('价格战对中小企业总体算利好还是利空', units);
    expect(merged.map((u) => u.text)).toEqual(['中小企业', '利好|利空']);
    const choice = merged[1]!;
    expect(choice.weight).toBe(4.5);
    expect(unitMatch(choice, (t) => t === '利好')).toBe(1);
  });

  it('keeps both when the knowledge base uses both words (a comparison is best answered where both are)', () => {
    const units = [unit('pytorch', true), unit('tensorflow', true)];
    expect(withAlternatives('pytorch还是tensorflow', units)).toBe(units);
    const plain = [unit('deepseek', true)];
    expect(withAlternatives('deepseek price', plain)).toBe(plain);
  });
});
