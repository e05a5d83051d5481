/** Core `Reply` → plain text: the console, the CLI, and the text parts of Slack and Discord messages. */
import type { Reply, ReplyTable, TableCell } from '../../core/reply.js';
import { numericColumns } from './numeric-cells.js';

/** Display width: CJK and other wide characters take two columns in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd) ? 2 : 1;
  }
  return width;
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

/** `chartPaths` are where the charts were written (same order as `reply.charts`). */
export function renderReplyText(reply: Reply, chartPaths: readonly string[] = []): string {
  const parts: string[] = [];
  const prefix = reply.tone === 'error' ? '⚠ ' : '';
  if (reply.title) parts.push(`${prefix}${reply.title}`);
  if (reply.text) parts.push(reply.title ? reply.text : `${prefix}${reply.text}`);
  if (reply.fields && reply.fields.length > 0) parts.push(reply.fields.map((f) => `${f.label}: ${f.value}`).join('\n'));
  if (reply.table) parts.push(renderTable(reply.table));
  (reply.charts ?? []).forEach((chart, i) => {
    parts.push(`📈 ${chart.title}: ${chartPaths[i] ?? chart.filename}${chart.alt ? `\n   ${chart.alt}` : ''}`);
  });
  if (reply.citations && reply.citations.length > 0) {
    parts.push(`Sources:\n${reply.citations.map((c) => `  - ${c.title}${c.url ? ` <${c.url}>` : ''}`).join('\n')}`);
  }
  if (reply.actions && reply.actions.length > 0) {
    parts.push(`Buttons: ${reply.actions.map((a) => `[${a.label}] → ${a.command}`).join('  ')}`);
  }
  return parts.join('\n\n');
}
