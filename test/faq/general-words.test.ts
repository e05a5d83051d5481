import { describe, expect, it } from 'vitest';
import { englishTopicality, isChineseName, topicality } from '../../src/faq/general-words.js';

describe('isChineseName', () => {
  it("knows people from jieba's dictionary, and three-character words it lacks that start with a common surname", () => {
    expect(isChineseName('李彦宏')).toBe(true); // tagged nr
    expect(isChineseName('黄仁勋')).toBe(true); // newer than the dictionary
    expect(isChineseName('王小川')).toBe(true);
  });

  it('does not take words for names', () => {
    for (const word of ['价格战', '大模型', '反向传播', '中小企业', '高并发', '方法论']) expect(isChineseName(word), word).toBe(false);
  });
});

describe('topicality', () => {
  it('keeps a topic word whole and weighs a frame word down', () => {
    expect(topicality('价格战')).toBe(1);
    expect(topicality('经过')).toBeLessThan(0.5);
  });
});

describe('englishTopicality', () => {
  it('weighs the particles of phrasal verbs (prices *down*, drives vendors *out*) as frame words', () => {
    for (const w of ['down', 'up', 'out', 'off']) expect(englishTopicality(w), w).toBeLessThan(0.5);
    expect(englishTopicality('gradient')).toBe(1);
  });
});
