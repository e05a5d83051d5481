/**
 * displayWidth answers simple text without string-width (issue #15: string-width's import costs every
 * start-up tens of ms). Its answer must stay string-width's: every code point of the Basic Multilingual
 * Plane, and strings that need grapheme rules (emoji, combining marks, ANSI styles), go through both.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/adapters/shared/text.js';

describe('displayWidth', () => {
  it('equals string-width on every BMP code point, alone and between letters', () => {
    const differ: string[] = [];
    for (let c = 0x20; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      for (const text of [String.fromCodePoint(c), `a${String.fromCodePoint(c)}b${String.fromCodePoint(c)}`]) {
        if (displayWidth(text) !== stringWidth(text)) differ.push(`U+${c.toString(16)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('equals string-width on text that needs grapheme rules', () => {
    for (const text of ['👍 good', '👨‍👩‍👧 family', 'e\u0301t\u00e9', '\u001b[1m粗体\u001b[22m', '中文 ABC — “引号” １２３', 'ｶﾀｶﾅ', '한국어', '🇨🇳 国旗', '']) {
      expect(displayWidth(text), text).toBe(stringWidth(text));
    }
  });

  it('counts CJK as two columns', () => {
    expect(displayWidth('价格战 price')).toBe(12);
  });
});
