/** Core `Reply` → plain text: the console, the CLI, and the text parts of Slack and Discord messages. */
import type { Reply, ReplyTable, TableCell } from '../../core/reply.js';
import { createRequire } from 'node:module';
import { numericColumns } from './numeric-cells.js';

// string-width builds an Intl.Segmenter and its emoji tables when imported (tens of ms of every start-up),
// and segments every string into graphemes. Most text in a reply is simpler: printable ASCII is one column a
// character, and a string made only of Latin, general punctuation, arrows, maths and box-drawing signs and
// the CJK blocks below needs no grapheme rules (no emoji, no combining marks): a CJK ideograph, kana, Hangul
// syllable, CJK punctuation or full-width form is two columns, the rest one. That is string-width's own
// answer for each of them (test/adapters/shared/display-width.test.ts compares the two on every BMP code
// point). Anything else goes to string-width, loaded on first need.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const SIMPLE = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2200-\u22ff\u2500-\u259f\u3000-\u3029\u302e-\u303e\u3041-\u3096\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\uffe0-\uffe6]*$/;
const WIDE = /[\u3000-\u3029\u302e-\u303e\u3041-\u3096\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\uffe0-\uffe6]/g;
let stringWidth: ((text: string) => number) | undefined;

/** Display width: CJK and other wide characters take two columns in a terminal; ANSI styles take none. */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (SIMPLE.test(text)) return text.length + (text.match(WIDE)?.length ?? 0);
  stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: (text: string) => number }).default;
  return stringWidth(text);
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

function cellText(cell: TableCell): string {
  return cell === null ? '—' : String(cell);
}

export function renderTable(table: ReplyTable): string {
  const rows = table.rows.map((r) => table.columns.map((_, i) => cellText(r[i] ?? null)));
  const widths = table.columns.map((c, i) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  // Which columns are right-aligned is decided in one place for every adapter (./numeric-cells.ts).
  const numeric = numericColumns(table);
  const line = (cells: readonly string[]): string => cells.map((c, i) => pad(c, widths[i] ?? 0, numeric[i] ?? false)).join('  ').trimEnd();
  const out = [line(table.columns), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
  if (table.caption) out.push(table.caption);
  return out.join('\n');
}

export interface ReplyTextOptions {
  /** How the reply's Markdown text is shown (default: as written). */
  readonly markdown?: (text: string) => string;
  /** Label the parts ("Sources", "Buttons") in the reply's own language (default: English). */
  readonly localLabels?: boolean;
}

const LABELS = { en: { sources: 'Sources', buttons: 'Buttons' }, zh: { sources: '来源', buttons: '按钮' } } as const;

/** Chinese when the reply's own words are mostly Chinese (a CJK character in a third of its letters or more). */
export function replyLanguage(reply: Reply): 'zh' | 'en' {
  const words = `${reply.title ?? ''} ${reply.text}`;
  const cjk = (words.match(/[\u3400-\u9fff]/g) ?? []).length;
  const latin = (words.match(/[A-Za-z]/g) ?? []).length;
  return cjk > 0 && cjk * 3 >= latin ? 'zh' : 'en';
}

/** `chartPaths` are where the charts were written (same order as `reply.charts`). */
export function renderReplyText(reply: Reply, chartPaths: readonly string[] = [], options: ReplyTextOptions = {}): string {
  const parts: string[] = [];
  const prefix = reply.tone === 'error' ? '⚠ ' : '';
  const labels = LABELS[options.localLabels === true ? replyLanguage(reply) : 'en'];
  const text = options.markdown === undefined ? reply.text : options.markdown(reply.text);
  if (reply.title) parts.push(`${prefix}${reply.title}`);
  if (text) parts.push(reply.title ? text : `${prefix}${text}`);
  if (reply.fields && reply.fields.length > 0) parts.push(reply.fields.map((f) => `${f.label}: ${f.value}`).join('\n'));
  if (reply.table) parts.push(renderTable(reply.table));
  (reply.charts ?? []).forEach((chart, i) => {
    parts.push(`📈 ${chart.title}: ${chartPaths[i] ?? chart.filename}${chart.alt ? `\n   ${chart.alt}` : ''}`);
  });
  if (reply.citations && reply.citations.length > 0) {
    parts.push(`${labels.sources}:\n${reply.citations.map((c) => `  - ${c.title}${c.url ? ` <${c.url}>` : ''}`).join('\n')}`);
  }
  if (reply.actions && reply.actions.length > 0) {
    parts.push(`${labels.buttons}: ${reply.actions.map((a) => `[${a.label}] → ${a.command}`).join('  ')}`);
  }
  return parts.join('\n\n');
}
