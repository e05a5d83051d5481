/** Hand-made price data for tests: CSV text → the same validation and indexing the real files go through. */
import { csvLine } from '../../src/csv/index.js';
import { indexPriceData, type PriceData } from '../../src/pricewar/data.js';
import { TABLES, validateCsv, type LoadedTable, type RawPriceData } from '../../src/pricewar/load.js';

type Tables = typeof TABLES;
type Cells = readonly (string | number | null)[];

export const HEADERS = {
  history: ['date', 'provider', 'model', 'input_usd_per_mtok', 'output_usd_per_mtok', 'commit'],
  latest: ['date', 'provider', 'model', 'input_usd_per_mtok', 'output_usd_per_mtok', 'commit', 'mode', 'cache_read_usd_per_mtok', 'max_input_tokens', 'first_seen_in_history'],
  cuts: ['date', 'provider', 'model', 'old_price_cny_per_mtok_input', 'new_price_cny_per_mtok_input', 'old_output', 'new_output', 'source_url', 'note', 'confidence'],
  serving: ['kind', 'as_of', 'source_org', 'hardware', 'gpus', 'model', 'engine', 'precision', 'workload', 'metric', 'value', 'unit', 'per_gpu_value', 'source_url', 'confidence', 'note'],
  scores: ['model', 'match', 'benchmark', 'score', 'protocol', 'valid_from', 'valid_until', 'source_url', 'note'],
  tiers: ['tier', 'benchmark', 'min_score', 'reference_model', 'source_url', 'note'],
  published: ['source', 'published', 'measure', 'factor_low', 'factor_high', 'method', 'url'],
} as const satisfies Record<keyof Tables, readonly string[]>;

export function csvText(header: readonly string[], rows: readonly Cells[]): string {
  return [csvLine(header), ...rows.map((r) => csvLine(r))].join('\n') + '\n';
}

function table<K extends keyof Tables>(name: K, rows: readonly Cells[] | undefined): LoadedTable<never> {
  const spec = TABLES[name] as { file: string; schema: Tables['history']['schema'] };
  const content = csvText(HEADERS[name], rows ?? []);
  const { rows: valid, records, issues } = validateCsv(content, spec, spec.file);
  return { file: spec.file, path: undefined, origin: 'user', rows: valid as never[], records, issues };
}

/** PriceData from rows given as arrays in the files' column order; omitted tables are empty. */
export function makeData(rows: Partial<Record<keyof Tables, readonly Cells[]>>): PriceData {
  const t = {
    history: table('history', rows.history),
    latest: table('latest', rows.latest),
    cuts: table('cuts', rows.cuts),
    serving: table('serving', rows.serving),
    scores: table('scores', rows.scores),
    tiers: table('tiers', rows.tiers),
    published: table('published', rows.published),
  };
  const raw = { ...t, issues: Object.values(t).flatMap((x) => x.issues), userDir: undefined } as unknown as RawPriceData;
  return indexPriceData(raw);
}

/** ISO date `months` months after 2024-01-01 (day 1). */
export function monthDate(months: number, year = 2024): string {
  const d = new Date(Date.UTC(year, months, 1));
  return d.toISOString().slice(0, 10);
}

export const PUBLISHED_ROWS: Cells[] = [
  ['Epoch AI', '2025-03-12', 'fixed benchmark level', 9, 900, 'cheapest at threshold', 'https://epoch.ai/data-insights/llm-inference-price-trends'],
  ['a16z', '2024-11-12', 'MMLU ≥ 42', 10, 10, 'cheapest per month', 'https://a16z.com/llmflation-llm-inference-cost/'],
];
