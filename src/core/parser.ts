/**
 * Chat line → command invocation.
 *
 *   /name sub --flag value --flag=value key=value "quoted text" bare words
 *
 * Tokenising is separate from binding: `tokenize` knows only quoting, and
 * `bindArguments` (./binder.ts) uses the command's schema to decide which
 * flags take values and how strings become numbers and lists.
 */
import { ArgumentError } from './errors.js';

/** Opening quote → closing quote. Slack turns "…" into “…”; Chinese keyboards type 「」 and “”. */
const QUOTES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '“': '”', '‘': '’', '「': '」', '『': '』', '«': '»' };

const SPACE = /[\s\u3000]/;

export interface Token {
  readonly value: string;
  /** True when any part of the token was quoted: `"--x"` is a word, not a flag. */
  readonly quoted: boolean;
}

/**
 * Split on whitespace, honouring quotes. A quote opens only at the start of a
 * token (or right after `=`), so apostrophes inside words — "what's", "Jia's" —
 * stay literal. Inside double quotes, `\"` and `\\` escape.
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let quoted = false;
  let inToken = false;
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (SPACE.test(ch)) {
      if (inToken) tokens.push({ value: current, quoted });
      current = '';
      quoted = false;
      inToken = false;
      i++;
      continue;
    }
    const close = QUOTES[ch];
    const atQuoteStart = !inToken || current.endsWith('=');
    if (close !== undefined && atQuoteStart) {
      const start = i;
      i++;
      let closed = false;
      while (i < input.length) {
        const c = input[i] as string;
        if (c === close) {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && ch === '"' && (input[i + 1] === '"' || input[i + 1] === '\\')) {
          current += input[i + 1];
          i += 2;
          continue;
        }
        current += c;
        i++;
      }
      if (!closed) {
        throw new ArgumentError(`The quote ${ch} at position ${start + 1} is never closed. Close it with ${close}, or remove it.`);
      }
      quoted = true;
      inToken = true;
      continue;
    }
    current += ch;
    inToken = true;
    i++;
  }
  if (inToken) tokens.push({ value: current, quoted });
  return tokens;
}

/**
 * The longest chat line the router reads: Slack's own limit for a slash
 * command's text. Longer lines are refused before they are parsed (a 200,000-
 * character word cost seconds to tokenise and came back whole in the error).
 */
export const MAX_LINE_CHARS = 4000;

/** How much of what a user typed an error message may quote back. */
export const MAX_ECHO_CHARS = 40;

/** `text` as an error message may quote it: at most MAX_ECHO_CHARS characters, then "…". */
export function clipForEcho(text: string, max = MAX_ECHO_CHARS): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/**
 * `text` (an error message) with every long piece of `input` it repeats
 * clipped: each word of the input over MAX_ECHO_CHARS characters, and the
 * whole line or its arguments when over 100. The router's safety net, so a
 * feature's "Unknown model \"…\"" cannot echo a paste back whole.
 */
export function clipEchoes(text: string, input: string): string {
  const pieces = new Set<string>();
  const line = input.trim();
  const rest = line.replace(/^\S+\s*/, '');
  for (const whole of [line, rest]) if (whole.length > 100) pieces.add(whole);
  for (const word of line.split(/[\s,，、;:=]+/)) if ([...word].length > MAX_ECHO_CHARS) pieces.add(word);
  let out = text;
  // Longest first: clipping the line must not be spoiled by clipping a word inside it first.
  for (const piece of [...pieces].sort((a, b) => b.length - a.length)) {
    if (out.includes(piece)) out = out.split(piece).join(clipForEcho(piece));
  }
  return out;
}

export type ParsedLine =
  /** `rest` is everything after the name, untokenised: the router decides how to read it. */
  | { readonly kind: 'command'; readonly name: string; readonly rest: string }
  | { readonly kind: 'text'; readonly text: string };

const COMMAND_RE = /^[/／]([A-Za-z][\w-]*)(?=$|[\s\u3000])/;

/** A line starting with `/name` is a command; anything else is free text (a question). */
export function parseLine(line: string): ParsedLine {
  const trimmed = line.trim();
  const match = COMMAND_RE.exec(trimmed);
  if (match === null) return { kind: 'text', text: trimmed };
  const rest = trimmed.slice(match[0].length).trim();
  return { kind: 'command', name: (match[1] as string).toLowerCase(), rest };
}

/** Quote a value so that `tokenize` reads it back unchanged (used to turn platform forms into lines). */
export function quoteToken(value: string): string {
  if (value !== '' && !/[\s\u3000"'“‘「『«\\]/.test(value) && !value.startsWith('--')) return value;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
