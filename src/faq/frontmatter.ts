// Front matter for knowledge documents: the block between two `---` lines
// at the top of the file. It is parsed with a deliberately small YAML
// subset (the only YAML the knowledge files need) instead of a YAML
// library, which is not a dependency of the project:
//
//   key: plain or "quoted" scalar
//   key: [inline, "list, with commas", items]
//   key:
//     - block
//     - "list items"
//   # comment lines and blank lines
//
// Anything else (nested maps, multi-line scalars, anchors) is rejected with
// the line number, so a typo is reported instead of silently misread. The
// parsed values are then checked with zod (./loader.ts).

export type FrontValue = string | string[];

export class FrontMatterError extends Error {
  constructor(
    message: string,
    /** 1-based line in the file, when known. */
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'FrontMatterError';
  }
}

export interface SplitDocument {
  readonly data: Record<string, FrontValue>;
  readonly body: string;
  /** 1-based line number in the file where `body` starts. */
  readonly bodyLine: number;
}

const KEY_LINE = /^([A-Za-z_][\w-]*)\s*:(?:\s+(.*))?$/;
const ITEM_LINE = /^\s+-\s+(.*)$|^\s+-$/;

/** Split `---` front matter from the Markdown body and parse it. */
export function parseFrontMatter(source: string): SplitDocument {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') throw new FrontMatterError('missing front matter: the file must start with a line "---"', 1);
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end === -1) throw new FrontMatterError('front matter is not closed: add a line "---" after it');

  const data: Record<string, FrontValue> = {};
  let listKey: string | undefined;
  for (let i = 1; i < end; i++) {
    const raw = lines[i] as string;
    const lineNo = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const item = ITEM_LINE.exec(raw);
    if (item !== null) {
      if (listKey === undefined) throw new FrontMatterError('a "- item" line must follow a "key:" line', lineNo);
      const value = scalar(item[1] ?? '', lineNo);
      if (value === '') throw new FrontMatterError(`empty item in "${listKey}"`, lineNo);
      (data[listKey] as string[]).push(value);
      continue;
    }
    if (/^\s/.test(raw)) throw new FrontMatterError('unexpected indentation (only "- item" lines may be indented)', lineNo);
    const kv = KEY_LINE.exec(raw);
    if (kv === null) throw new FrontMatterError(`cannot read "${raw.trim()}": expected "key: value"`, lineNo);
    const key = kv[1] as string;
    if (key in data) throw new FrontMatterError(`"${key}" is given twice`, lineNo);
    const rest = (kv[2] ?? '').trim();
    if (rest === '') {
      data[key] = [];
      listKey = key;
    } else if (rest.startsWith('[')) {
      data[key] = inlineList(rest, lineNo);
      listKey = undefined;
    } else {
      data[key] = scalar(rest, lineNo);
      listKey = undefined;
    }
  }
  return { data, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

/** A plain or quoted scalar; a trailing ` # comment` is dropped from plain ones. */
function scalar(raw: string, line: number): string {
  const value = raw.trim();
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    if (value.length < 2 || value[value.length - 1] !== quote) throw new FrontMatterError(`unterminated ${quote} quote`, line);
    const inner = value.slice(1, -1);
    return quote === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner.replace(/''/g, "'");
  }
  if (/^[[{>|&*!]/.test(value)) throw new FrontMatterError(`unsupported YAML syntax "${value[0]}" (quote the value)`, line);
  return value.replace(/\s+#.*$/, '');
}

/** `[a, "b, c", 'd']` → ['a', 'b, c', 'd']. */
function inlineList(raw: string, line: number): string[] {
  if (!raw.endsWith(']')) throw new FrontMatterError('an inline list must end with "]" on the same line', line);
  const inner = raw.slice(1, -1);
  const items: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const ch of inner) {
    if (quote !== undefined) {
      current += ch;
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === ',') {
      items.push(current);
      current = '';
    } else current += ch;
  }
  if (quote !== undefined) throw new FrontMatterError(`unterminated ${quote} quote in list`, line);
  if (current.trim() !== '' || items.length > 0) items.push(current);
  return items.map((s, i) => {
    const value = scalar(s, line);
    if (value === '') throw new FrontMatterError(`empty item ${i + 1} in list`, line);
    return value;
  });
}
