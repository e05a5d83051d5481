/**
 * What every /pricewar answer is made of before it becomes a chat reply: a
 * headline, a few plain lines, a table, sources and the machine-readable
 * data. The presenter (../presenter.ts) turns a `Summary` into a `Reply`.
 * Plain text only, no platform formatting.
 */
import type { PriceData } from '../../../pricewar/data.js';
import type { DataIssue } from '../../../pricewar/load.js';

export type Cell = string | number | null;

export interface Summary {
  readonly title: string;
  /** Title of the chart when it differs from `title` (bilingual). */
  readonly chartTitle?: string;
  /** One sentence that answers the question. */
  readonly headline: string;
  readonly lines: readonly string[];
  readonly table?: { readonly columns: readonly string[]; readonly rows: readonly (readonly Cell[])[]; readonly caption?: string };
  readonly citations: readonly { readonly title: string; readonly url?: string }[];
  readonly data: Record<string, unknown>;
}

const TABLE_ROWS = 20;
export const PROVENANCE = { title: 'Data provenance: knowledge/data/SOURCES.md' };
export const LITELLM = { title: 'LiteLLM model price map (MIT), price history', url: 'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json' };

/** The first rows of a long table, with a caption saying where the rest are. */
export function capped<T>(rows: readonly T[], what: string): { rows: readonly T[]; caption?: string } {
  return rows.length <= TABLE_ROWS ? { rows } : { rows: rows.slice(0, TABLE_ROWS), caption: `${rows.length - TABLE_ROWS} more ${what} in the --json data.` };
}

/** The note every answer carries when some data rows were skipped as malformed. */
export function explainDataIssues(data: PriceData): { line?: string; data?: { count: number; shown: readonly DataIssue[] } } {
  const issues = data.issues;
  if (issues.length === 0) return {};
  const first = issues[0] as DataIssue;
  const where = first.line > 0 ? `${first.file}:${first.line}` : first.file;
  return {
    line: `${issues.length} data row(s) or file(s) were skipped as malformed, e.g. ${where}: ${first.reason}. The rest of the data was used.`,
    data: { count: issues.length, shown: issues.slice(0, 50) },
  };
}
