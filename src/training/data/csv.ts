/**
 * CSV → Dataset, strictly: every problem names its line and the reason, and a
 * file that is not a clean binary-classification table is rejected whole (a
 * silently dropped row would be a silently different experiment).
 *
 * Accepted: UTF-8 (a BOM is fine), comma, semicolon or tab separated (picked
 * from the first line), an optional header (absent when every cell of the
 * first line is a number), "double-quoted" cells (read by the shared reader
 * in src/csv, spaces around values trimmed), CRLF line ends, blank lines
 * (skipped). Every feature cell must be a finite number; the label column
 * (`--label`, else a column named label / y / target / class, else the last
 * column) must be 0/1 or true/false.
 */
import { UserError } from '../../core/errors.js';
import { parseCsvRecord, type CsvProblemKind } from '../../csv/index.js';
import { plainWords, type Rewordable, type Sentence, type Spelling } from '../errors.js';
import type { Dataset } from './dataset.js';

export interface CsvLimits {
  readonly maxBytes: number;
  readonly maxRows: number;
  /** Feature columns (the label column is not counted). */
  readonly maxColumns: number;
}

export interface CsvOptions extends CsvLimits {
  /** Display name used in messages (`churn.csv`). */
  readonly name: string;
  /** Label column name; default label/y/target/class, else the last column. */
  readonly label?: string;
}

/** Fewer rows cannot be split into train, validation and test sets. */
export const MIN_ROWS = 10;
const MAX_PROBLEMS = 5;
const LABEL_NAMES = ['label', 'y', 'target', 'class'];

/**
 * A file that cannot be trained on, with up to five problems. A problem that
 * names a parameter (the label column's) is a sentence the caller re-words
 * with its own spelling (`inWords`); `problems` holds them in plain words.
 */
export class DatasetError extends UserError implements Rewordable {
  readonly problems: readonly string[];
  readonly #sentences: readonly (string | Sentence)[];

  constructor(
    readonly dataset: string,
    problems: readonly (string | Sentence)[],
    words: Spelling = plainWords,
  ) {
    const texts = problems.map((p) => (typeof p === 'string' ? p : p(words)));
    const body = texts.length === 1 ? ` ${texts[0]}.` : `\n${texts.map((p) => `• ${p}`).join('\n')}`;
    super(`${dataset} cannot be used for training:${body}`, { code: 'bad_arguments', data: { dataset, problems: [...texts] } });
    this.problems = texts;
    this.#sentences = problems;
  }

  inWords(words: Spelling): DatasetError {
    return new DatasetError(this.dataset, this.#sentences, words);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** How a dataset user is told about a malformed quote (the shared reader says it for data files). */
const QUOTE_PROBLEMS: Readonly<Record<CsvProblemKind, string>> = {
  'unclosed-quote': 'a quoted value is not closed',
  'text-after-quote': 'unexpected text after a quoted value',
  'quote-in-value': 'a quote (") inside an unquoted value',
};

/**
 * Split one line into cells; returns a string (the reason) on a malformed
 * quote. One record per line on purpose: a quoted line break in a numeric
 * dataset is a mistake to report on its line, not a value to read on.
 */
export function splitCsvLine(line: string, separator: string): string[] | string {
  const { fields, problem } = parseCsvRecord(line, { delimiter: separator, trimSpaces: true });
  return problem === undefined ? fields : QUOTE_PROBLEMS[problem.kind];
}

function pickSeparator(firstLine: string): string {
  const counts = [',', ';', '\t'].map((s) => ({ s, n: firstLine.split(s).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] !== undefined && counts[0].n > 0 ? counts[0].s : ',';
}

const isNumber = (cell: string): boolean => cell !== '' && Number.isFinite(Number(cell));

function parseLabel(cell: string): number | undefined {
  const lower = cell.toLowerCase();
  if (lower === 'true') return 1;
  if (lower === 'false') return 0;
  if (cell === '' || !Number.isFinite(Number(cell))) return undefined;
  const n = Number(cell);
  return n === 0 || n === 1 ? n : undefined;
}

function quoteShort(cell: string): string {
  return JSON.stringify(cell.length > 30 ? `${cell.slice(0, 30)}…` : cell);
}

/** Lines parsed between two yields of the async variant (a few milliseconds of work). */
const LINES_PER_SLICE = 2000;

/** Parse and validate; throws `DatasetError` listing up to five problems with their line numbers. */
export function parseCsvDataset(input: Buffer | string, options: CsvOptions): Dataset {
  const steps = parseSteps(input, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, giving the event loop a turn every few thousand lines: the bot
 * validates an attached file before queuing it, and a 20 MB upload must not
 * freeze every other chat for the ~0.3 s the parse takes.
 */
export async function parseCsvDatasetAsync(input: Buffer | string, options: CsvOptions): Promise<Dataset> {
  const steps = parseSteps(input, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* parseSteps(input: Buffer | string, options: CsvOptions): Generator<void, Dataset, void> {
  const { name } = options;
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > options.maxBytes) {
    throw new DatasetError(name, [`the file is ${formatBytes(size)}; the limit is ${formatBytes(options.maxBytes)} (TRAIN_MAX_FILE_BYTES)`]);
  }
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new DatasetError(name, ['it is not a text file (it contains NUL bytes); attach a CSV']);
  const lines = text.split(/\r?\n/);
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  if (firstIndex === -1) throw new DatasetError(name, ['the file is empty']);

  const firstLine = lines[firstIndex] as string;
  const separator = pickSeparator(firstLine);
  const first = splitCsvLine(firstLine, separator);
  if (typeof first === 'string') throw new DatasetError(name, [`line ${firstIndex + 1}: ${first}`]);
  const hasHeader = !first.every(isNumber);
  const width = first.length;
  if (width < 2) throw new DatasetError(name, [`line ${firstIndex + 1}: found 1 column; a dataset needs at least one feature column and a label column`]);
  if (width - 1 > options.maxColumns) {
    throw new DatasetError(name, [`${width - 1} feature columns; the limit is ${options.maxColumns} (TRAIN_MAX_COLUMNS)`]);
  }
  const names = hasHeader ? first.map((c, i) => (c === '' ? `column ${i + 1}` : c)) : [...Array.from({ length: width - 1 }, (_, i) => `x${i + 1}`), 'label'];
  if (hasHeader) {
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n.toLowerCase())) throw new DatasetError(name, [`line ${firstIndex + 1}: the column name ${quoteShort(n)} appears twice`]);
      seen.add(n.toLowerCase());
    }
  }

  let labelIndex: number;
  if (options.label !== undefined) {
    labelIndex = names.findIndex((n) => n.toLowerCase() === options.label?.toLowerCase());
    const wanted = quoteShort(options.label);
    if (labelIndex === -1) throw new DatasetError(name, [(w) => `there is no column ${wanted} for ${w.param('label')} (columns: ${names.join(', ')})`]);
  } else {
    const named = names.findIndex((n) => LABEL_NAMES.includes(n.toLowerCase()));
    labelIndex = hasHeader && named !== -1 ? named : width - 1;
  }
  const featureIndexes = names.map((_, i) => i).filter((i) => i !== labelIndex);

  const problems: string[] = [];
  const features: number[] = [];
  const labels: number[] = [];
  let rows = 0;
  for (let li = hasHeader ? firstIndex + 1 : firstIndex; li < lines.length; li++) {
    if ((li + 1) % LINES_PER_SLICE === 0) yield;
    const line = lines[li] as string;
    if (line.trim() === '') continue;
    const lineNo = li + 1;
    if (rows >= options.maxRows) {
      throw new DatasetError(name, [`more than ${options.maxRows} data rows (TRAIN_MAX_ROWS); line ${lineNo} is over the limit`]);
    }
    rows++;
    const cells = splitCsvLine(line, separator);
    if (typeof cells === 'string') {
      problems.push(`line ${lineNo}: ${cells}`);
    } else if (cells.length !== width) {
      problems.push(`line ${lineNo}: ${cells.length} value${cells.length === 1 ? '' : 's'}, but the ${hasHeader ? 'header' : 'first line'} has ${width} columns (ragged row)`);
    } else {
      const label = parseLabel(cells[labelIndex] as string);
      if (label === undefined) {
        problems.push(
          (cells[labelIndex] as string) === ''
            ? `line ${lineNo}: the label (${names[labelIndex]}) is missing`
            : `line ${lineNo}: the label (${names[labelIndex]}) is ${quoteShort(cells[labelIndex] as string)}, not binary (expected 0 or 1)`,
        );
      } else {
        labels.push(label);
      }
      for (const fi of featureIndexes) {
        const cell = cells[fi] as string;
        if (cell === '') {
          problems.push(`line ${lineNo}: column ${quoteShort(names[fi] as string)} is empty (missing values are not supported: fill or drop the row)`);
          break;
        }
        const value = Number(cell);
        if (!Number.isFinite(value)) {
          problems.push(`line ${lineNo}: column ${quoteShort(names[fi] as string)} has ${quoteShort(cell)}, not a number`);
          break;
        }
        features.push(value);
      }
    }
    if (problems.length >= MAX_PROBLEMS) {
      problems.push('(stopped after 5 problems)');
      break;
    }
  }
  if (problems.length > 0) throw new DatasetError(name, problems);
  if (rows === 0) throw new DatasetError(name, ['the file has a header but no data rows']);
  if (rows < MIN_ROWS) throw new DatasetError(name, [`${rows} data rows; at least ${MIN_ROWS} are needed to train, validate and test`]);
  const ones = labels.reduce((a, b) => a + b, 0);
  if (ones === 0 || ones === rows) {
    throw new DatasetError(name, [`every label (${names[labelIndex]}) is ${ones === 0 ? 0 : 1}: a binary classifier needs examples of both classes`]);
  }
  return {
    name,
    featureNames: featureIndexes.map((i) => names[i] as string),
    labelName: names[labelIndex] as string,
    rows,
    features: featureIndexes.length,
    x: Float32Array.from(features),
    y: Float32Array.from(labels),
  };
}
