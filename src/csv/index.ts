/**
 * The one CSV reader: RFC 4180 records with the physical line each starts
 * on, used by /pricewar's data files and /train's datasets.
 *
 * Why not a library: none is a direct dependency (d3-dsv only arrives through
 * vega), and both callers need the physical line of every record so that a
 * bad row can be reported as `file:line`, even when an earlier quoted field
 * spans several lines. Quoted fields may contain the delimiter, doubled
 * quotes and line breaks; CRLF and a lone CR end records; `parseCsv` drops a
 * UTF-8 byte-order mark. No input makes reading throw: a structural problem
 * (an unclosed quote, text after a closing quote) is attached to its record
 * and the caller decides what it costs.
 *
 * Two knobs cover the callers' dialects: `delimiter` (`,` by default; /train
 * also reads `;` and tab files) and `trimSpaces` (in a hand-written dataset
 * `1, "a" ,3` means `1`, `a`, `3`; in an RFC 4180 data file every character
 * is data). /train reads one line at a time with `parseCsvRecord`, so that a
 * quoted line break in a numeric table is reported on its own line.
 */

export interface CsvDialect {
  /** Field separator, one character other than a quote or a line break; default `,`. */
  readonly delimiter?: string;
  /**
   * Spaces around a value are padding, not data: skipped before an opening
   * and after a closing quote, and trimmed from every value. A quote inside
   * an unquoted value is then a problem rather than a literal character.
   * Default false (RFC 4180).
   */
  readonly trimSpaces?: boolean;
}

/**
 * What can be wrong with a record's structure: a quoted value never closed,
 * text between a closing quote and the next delimiter, or (with `trimSpaces`)
 * a quote inside an unquoted value.
 */
export type CsvProblemKind = 'unclosed-quote' | 'text-after-quote' | 'quote-in-value';

export interface CsvFieldProblem {
  readonly kind: CsvProblemKind;
  /** 1-based field of the record where the problem is. */
  readonly field: number;
}

export interface CsvRow {
  /** 1-based physical line on which the record starts. */
  readonly line: number;
  /** Read as far as possible even when there is a problem, so nothing silently disappears. */
  readonly fields: readonly string[];
  /** The first structural problem of the record, if any. */
  readonly problem?: CsvFieldProblem;
}

export interface CsvRecord {
  /** 1-based physical line on which the record starts (the header is line 1). */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

export interface ParsedCsv {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
  /** Structural problems (an unterminated quote, text after a closing quote). */
  readonly problems: readonly CsvProblem[];
}

/**
 * Parse CSV text with a header line. Blank lines are skipped. A record with
 * a structural problem is still returned as read so far (the caller
 * decides), and the problem is listed; parsing never throws.
 */
export function parseCsv(text: string, dialect: CsvDialect = {}): ParsedCsv {
  const rows = readCsvRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, dialect);
  const problems: CsvProblem[] = [];
  for (const row of rows) if (row.problem !== undefined) problems.push({ line: row.line, message: problemMessage(row.problem, row.line) });
  const headerRow = rows[0];
  if (headerRow === undefined) return { header: [], records: [], problems };
  const header = headerRow.fields.map((f) => f.trim());
  const records = rows.slice(1).map((r) => ({ line: r.line, fields: r.fields }));
  return { header, records, problems };
}

/** The reader's own wording of a problem (callers with a different audience word it themselves from `kind`). */
export function problemMessage(problem: CsvFieldProblem, line: number): string {
  switch (problem.kind) {
    case 'unclosed-quote':
      return `unterminated quoted field (the quote opened on line ${line} is never closed)`;
    case 'text-after-quote':
      return `unexpected text after a closing quote in field ${problem.field}`;
    case 'quote-in-value':
      return `a quote (") inside unquoted field ${problem.field}`;
  }
}

/**
 * Every record of `text` with the line it starts on. Records end at an
 * unquoted CRLF, LF or lone CR; a quoted field may span lines. Blank lines
 * (a record of one empty field and no problem) are skipped.
 */
export function readCsvRecords(text: string, dialect: CsvDialect = {}): CsvRow[] {
  const delimiter = checkedDelimiter(dialect);
  const trim = dialect.trimSpaces ?? false;
  const out: CsvRow[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const startLine = line;
    const { fields, problem, end, lineBreaks } = scanRecord(text, i, delimiter, trim, true);
    i = end;
    line += lineBreaks;
    // End of record: CRLF, LF or a lone CR.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    const blank = fields.length === 1 && fields[0] === '' && problem === undefined;
    if (!blank) out.push(problem === undefined ? { line: startLine, fields } : { line: startLine, fields, problem });
  }
  return out;
}

/**
 * One record from a string that holds exactly one (a line its caller has
 * already split off): no record separators, so a line break or CR is an
 * ordinary character and a quote still open at the end is unclosed.
 */
export function parseCsvRecord(text: string, dialect: CsvDialect = {}): { fields: string[]; problem?: CsvFieldProblem } {
  const { fields, problem } = scanRecord(text, 0, checkedDelimiter(dialect), dialect.trimSpaces ?? false, false);
  return problem === undefined ? { fields } : { fields, problem };
}

function checkedDelimiter(dialect: CsvDialect): string {
  const delimiter = dialect.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new RangeError(`a CSV delimiter is one character other than a quote or a line break (got ${JSON.stringify(delimiter)})`);
  }
  return delimiter;
}

function endsField(ch: string | undefined, delimiter: string, lineBreaksEnd: boolean): boolean {
  return ch === delimiter || (lineBreaksEnd && (ch === '\n' || ch === '\r'));
}

interface ScannedRecord {
  readonly fields: string[];
  readonly problem: CsvFieldProblem | undefined;
  /** Index just past the record's last field (at its line break, or the end of the text). */
  readonly end: number;
  /** Line feeds inside quoted values (they do not end the record). */
  readonly lineBreaks: number;
}

/**
 * Read the fields of one record from `start`. With `lineBreaksEnd`, an
 * unquoted CR or LF ends the record; without, only the end of the text does.
 * Plain locals, no closures, char codes in the hot loop: this is the whole
 * cost of loading the price data, and each of those measured slower.
 */
function scanRecord(text: string, start: number, delimiter: string, trim: boolean, lineBreaksEnd: boolean): ScannedRecord {
  const n = text.length;
  const fields: string[] = [];
  let problem: CsvFieldProblem | undefined;
  let lineBreaks = 0;
  let i = start;
  // Fields separated by the delimiter until the end of the record.
  for (;;) {
    let value = '';
    if (trim) while (text[i] === ' ') i++;
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const ch = text[i] as string;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (ch === '\n') lineBreaks++;
        value += ch;
        i++;
      }
      if (!closed) {
        problem ??= { kind: 'unclosed-quote', field: fields.length + 1 };
      } else {
        if (trim) while (text[i] === ' ') i++;
        if (i < n && !endsField(text[i], delimiter, lineBreaksEnd)) {
          // Keep the stray text so nothing silently disappears, but flag the record.
          problem ??= { kind: 'text-after-quote', field: fields.length + 1 };
          while (i < n && !endsField(text[i], delimiter, lineBreaksEnd)) value += text[i++];
        }
      }
    } else {
      const from = i;
      if (lineBreaksEnd) {
        const d = delimiter.charCodeAt(0);
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === d || c === 10 || c === 13) break; // the delimiter, LF, CR
          i++;
        }
      } else {
        const next = text.indexOf(delimiter, i);
        i = next === -1 ? n : next;
      }
      value = text.slice(from, i);
      if (trim && value.includes('"')) problem ??= { kind: 'quote-in-value', field: fields.length + 1 };
    }
    fields.push(trim ? value.trim() : value);
    if (i < n && text[i] === delimiter) {
      i++;
      continue;
    }
    break;
  }
  return { fields, problem, end: i, lineBreaks };
}

/** Quote a value for CSV output when needed (tests and fixtures build files with it). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',');
}
