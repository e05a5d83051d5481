/**
 * One table, as every adapter must lay it out: the columns whose cells look
 * numeric (numbers, or presenter-formatted strings such as "$0.315",
 * "−33.3%", "3.89×", "¥20 → ¥0.5") are right-aligned, header included; text
 * columns (with a blank "—" or a "firm 4" among them) stay left-aligned.
 */
import type { ReplyTable } from '../../src/core/reply.js';

export const MIXED_TABLE: ReplyTable = {
  columns: ['Model', 'Price', 'Change', 'Cut (¥/M)', 'Jobs', 'Note'],
  rows: [
    ['gpt-4o', '$2.50', '−33.3%', '¥20 → ¥0.5', 12, 'launch'],
    ['deepseek-chat', '$0.315', '+275%', '→ ¥1', 3, '—'],
    ['o1', '$15.00', null, '—', null, 'firm 4'],
  ],
};

export const MIXED_TABLE_LINES = [
  'Model           Price  Change   Cut (¥/M)  Jobs  Note',
  '─────────────  ──────  ──────  ──────────  ────  ──────',
  'gpt-4o          $2.50  −33.3%  ¥20 → ¥0.5    12  launch',
  'deepseek-chat  $0.315   +275%        → ¥1     3  —',
  'o1             $15.00       —           —     —  firm 4',
] as const;

/** The table's lines inside an adapter's text output (wherever they start). */
export function tableLines(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Model '));
  return start === -1 ? [] : lines.slice(start, start + MIXED_TABLE_LINES.length);
}
