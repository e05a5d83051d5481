/**
 * A small RFC 4180 CSV reader that remembers where each record starts.
 *
 * Why not a library: none is a direct dependency (d3-dsv only arrives through
 * vega), and the loader needs the physical line of every record so that a bad
 * row can be reported as `file:line` even when an earlier quoted field spans
 * several lines. Quoted fields may contain commas, doubled quotes and line
 * breaks; CRLF and a UTF-8 byte-order mark are accepted.
 */

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
 * Parse CSV text. Blank lines are skipped. A record with a structural problem
 * is still returned as read so far (the caller decides), and the problem is
 * listed; parsing never throws.
 */
export function parseCsv(text: string): ParsedCsv {
  const rows = readRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const problems: CsvProblem[] = [];
  for (const row of rows) if (row.problem !== undefined) problems.push({ line: row.line, message: row.problem });
  const headerRow = rows[0];
  if (headerRow === undefined) return { header: [], records: [], problems };
  const header = headerRow.fields.map((f) => f.trim());
  const records = rows.slice(1).map((r) => ({ line: r.line, fields: r.fields }));
  return { header, records, problems };
}

interface RawRecord {
  line: number;
  fields: string[];
  problem?: string;
}

function readRecords(text: string): RawRecord[] {
  const out: RawRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let problem: string | undefined;
    // One record: fields separated by commas until an unquoted line break.
    for (;;) {
      let value = '';
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
          if (ch === '\n') line++;
          value += ch;
          i++;
        }
        if (!closed) {
          problem ??= `unterminated quoted field (the quote opened on line ${startLine} is never closed)`;
        } else if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          // Keep the stray text so nothing silently disappears, but flag the record.
          problem ??= `unexpected text after a closing quote in field ${fields.length + 1}`;
          while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
        }
      } else {
        const start = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        value = text.slice(start, i);
      }
      fields.push(value);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    // End of record: CRLF, LF or a lone CR.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    const blank = fields.length === 1 && fields[0] === '' && problem === undefined;
    if (!blank) out.push(problem === undefined ? { line: startLine, fields } : { line: startLine, fields, problem });
  }
  return out;
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
