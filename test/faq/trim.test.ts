import { describe, expect, it } from 'vitest';
import { trimForChat } from '../../src/faq/trim.js';

describe('trimForChat', () => {
  it('keeps short text whole', () => {
    expect(trimForChat('One.\n\nTwo.', 100)).toEqual({ text: 'One.\n\nTwo.', truncated: false });
  });

  it('cuts between paragraphs and list items, never inside them', () => {
    const md = 'Intro paragraph.\n\n- item one\n- item two\n- item three is long enough to overflow the limit here';
    const { text, truncated } = trimForChat(md, 45);
    expect(text).toBe('Intro paragraph.\n\n- item one\n- item two');
    expect(truncated).toBe(true);
  });

  it('never cuts a code block in half', () => {
    const md = 'Run this:\n\n```python\nprint(1)\nprint(2)\n```\n\nAfter.';
    expect(trimForChat(md, 20).text).toBe('Run this:');
    expect(trimForChat(md, 200).text).toContain('print(2)\n```');
  });

  it('cuts an over-long first paragraph at a sentence boundary (Chinese and English)', () => {
    const zh = trimForChat('第一句话。第二句话很长很长很长。第三句。', 12);
    expect(zh).toEqual({ text: '第一句话。…', truncated: true });
    const en = trimForChat('First sentence. Second sentence is longer. Third.', 30);
    expect(en.text).toBe('First sentence.…');
  });
});
