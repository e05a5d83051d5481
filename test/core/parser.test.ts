import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/core/errors.js';
import { parseLine, quoteToken, tokenize } from '../../src/core/parser.js';

const values = (input: string): string[] => tokenize(input).map((t) => t.value);

describe('tokenize', () => {
  it('splits on ASCII and ideographic spaces', () => {
    expect(values('a  b\tc\u3000d')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps quoted text together, in several quote styles', () => {
    expect(values('"quoted text" “smart quotes” 「中文 引号」 \'single one\'')).toEqual(['quoted text', 'smart quotes', '中文 引号', 'single one']);
  });

  it('treats apostrophes inside words as letters', () => {
    expect(values("what's Jia's view")).toEqual(["what's", "Jia's", 'view']);
  });

  it('supports key="value with spaces" and escapes in double quotes', () => {
    expect(values('title="a \\"b\\" c" x')).toEqual(['title=a "b" c', 'x']);
  });

  it('marks quoted tokens so "--x" stays a word', () => {
    expect(tokenize('"--x" --y')).toEqual([
      { value: '--x', quoted: true },
      { value: '--y', quoted: false },
    ]);
  });

  it('rejects an unterminated quote with a position', () => {
    expect(() => tokenize('/ask "never closed')).toThrow(ArgumentError);
    expect(() => tokenize('/ask "never closed')).toThrow(/position 6/);
  });
});

describe('parseLine', () => {
  it('recognises a command and its tokens', () => {
    const parsed = parseLine('  /PriceWar cuts --provider Baidu ');
    expect(parsed).toMatchObject({ kind: 'command', name: 'pricewar', rest: 'cuts --provider Baidu' });
  });

  it('accepts a full-width slash', () => {
    expect(parseLine('／help')).toMatchObject({ kind: 'command', name: 'help' });
  });

  it('treats everything else as free text', () => {
    expect(parseLine('大模型为什么越来越便宜？')).toEqual({ kind: 'text', text: '大模型为什么越来越便宜？' });
    expect(parseLine('/ 3 is a fraction')).toMatchObject({ kind: 'text' });
    expect(parseLine('http://x/y')).toMatchObject({ kind: 'text' });
  });
});

describe('quoteToken', () => {
  it('round-trips any string through tokenize', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(tokenize(quoteToken(s)).map((t) => t.value)).toEqual([s]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tokenize, property-based', () => {
  it('either returns tokens without whitespace-only values or throws an ArgumentError — never anything else', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", '“', '”', '「', '」', '\\', '=', '-', '中', '\u3000', 'x') }), (s) => {
        try {
          for (const token of tokenize(s)) expect(token.quoted || token.value.trim() !== '').toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ArgumentError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
