import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv, parseCsvRecord, readCsvRecords } from '../../src/csv/index.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and keeps each record’s first line', () => {
    const text = 'a,b,c\n1,"x, y",3\n2,"say ""hi""",4\n3,"two\nlines",5\r\n\n4,,6\n';
    const { header, records, problems } = parseCsv(text);
    expect(header).toEqual(['a', 'b', 'c']);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      ['1', 'x, y', '3'],
      ['2', 'say "hi"', '4'],
      ['3', 'two\nlines', '5'],
      ['4', '', '6'],
    ]);
    // The record after the two-line field starts on line 5; the blank line 6 is skipped.
    expect(records.map((r) => r.line)).toEqual([2, 3, 4, 7]);
  });

  it('drops a byte-order mark and reports an unterminated quote with the line it opened on', () => {
    const { header, problems } = parseCsv('\uFEFFdate,x\n2024-01-01,"open\n2024-01-02,ok\n');
    expect(header).toEqual(['date', 'x']);
    expect(problems).toEqual([{ line: 2, message: expect.stringContaining('unterminated quoted field') }]);
  });

  it('flags text after a closing quote instead of silently merging it', () => {
    const { records, problems } = parseCsv('a,b\n"x"y,2\n');
    expect(problems[0]?.line).toBe(2);
    expect(records[0]?.fields[0]).toBe('xy');
  });

  it('round-trips any table written with csvLine (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ',', '"', '\n', '\r\n', ' ', '中', '¥') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 8 }), (rows) => {
        // A row of three empty strings is a blank line, which readers skip by design.
        const kept = rows.filter((r) => !(r.length === 3 && r.every((c) => c === '')) );
        const text = [csvLine(['h1', 'h2', 'h3']), ...kept.map((r) => csvLine(r))].join('\n');
        const parsed = parseCsv(text);
        expect(parsed.problems).toEqual([]);
        expect(parsed.records.map((r) => r.fields)).toEqual(kept);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readCsvRecords and parseCsvRecord (dialects)', () => {
  it('reads another delimiter, and ends records at CRLF, LF or a lone CR', () => {
    const rows = readCsvRecords('a;"b;c"\r1;2\r3;"x\ny";4\n', { delimiter: ';' });
    expect(rows.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b;c']],
      [2, ['1', '2']],
      [3, ['3', 'x\ny', '4']],
    ]);
    expect(readCsvRecords('a\tb\n1\t2', { delimiter: '\t' }).map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('names each problem by kind and field, and keeps reading the record', () => {
    expect(readCsvRecords('1,"a"b,3\n')[0]).toEqual({ line: 1, fields: ['1', 'ab', '3'], problem: { kind: 'text-after-quote', field: 2 } });
    expect(readCsvRecords('1,"open\n2,3')[0]).toEqual({ line: 1, fields: ['1', 'open\n2,3'], problem: { kind: 'unclosed-quote', field: 2 } });
    // Without trimSpaces a quote inside an unquoted value is just a character (RFC 4180 leaves it to the reader).
    expect(readCsvRecords('1,a"b\n')[0]).toEqual({ line: 1, fields: ['1', 'a"b'] });
  });

  it('with trimSpaces, treats spaces around values as padding and a stray quote as a problem', () => {
    const trim = { trimSpaces: true };
    expect(parseCsvRecord('1, "a ""b"" c" ,3', trim)).toEqual({ fields: ['1', 'a "b" c', '3'] });
    expect(parseCsvRecord(' x ,\t y\t,', trim)).toEqual({ fields: ['x', 'y', ''] });
    expect(parseCsvRecord('1,a"b', trim).problem).toEqual({ kind: 'quote-in-value', field: 2 });
    expect(parseCsvRecord('"a" x,2', trim).problem).toEqual({ kind: 'text-after-quote', field: 1 });
    // RFC 4180 keeps the spaces, so the quote is not at the start of the field.
    expect(parseCsvRecord('1, "a" ,3')).toEqual({ fields: ['1', ' "a" ', '3'] });
  });

  it('parseCsvRecord reads its whole input as one record: a line break is data, a quote open at the end is unclosed', () => {
    expect(parseCsvRecord('1,2\r3')).toEqual({ fields: ['1', '2\r3'] });
    expect(parseCsvRecord('1,"2,3')).toEqual({ fields: ['1', '2,3'], problem: { kind: 'unclosed-quote', field: 2 } });
    expect(parseCsvRecord('')).toEqual({ fields: [''] });
  });

  it('refuses a delimiter it could not read back', () => {
    for (const delimiter of ['', '"', '\n', '\r', ';;']) expect(() => readCsvRecords('a', { delimiter })).toThrow(RangeError);
  });
});
