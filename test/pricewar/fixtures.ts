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
  aliases: ['alias', 'currency', 'target', 'note'],
  fx: ['date', 'currency', 'per_usd', 'source_url', 'note'],
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
    aliases: table('aliases', rows.aliases),
    fx: table('fx', rows.fx),
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

/** A small market: gpt-4o and its re-listings, deepseek-chat's rise, a free tier that stops being free, three dated China cuts. */
const history = [
  ['2024-05-13', 'openai', 'gpt-4o', 5, 15, 'a'],
  ['2024-08-06', 'openai', 'gpt-4o-2024-08-06', 2.5, 10, 'b'],
  ['2024-11-13', 'openai', 'gpt-4o', 2.5, 10, 'c'],
  ['2024-05-14', 'azure', 'azure/gpt-4o', 5, 15, 'd'],
  ['2024-11-13', 'azure', 'azure/global/gpt-4o-2024-11-20', 2.5, 10, 'e'],
  ['2024-11-13', 'azure', 'azure/eu/gpt-4o-2024-11-20', 2.5, 10, 'e2'],
  ['2024-11-20', 'azure', 'azure/global/gpt-4o-2024-11-20', 2.4, 9.9, 'f'], // −2.4 %: below threshold
  ['2024-12-01', 'azure', 'azure/global/gpt-4o-2024-11-20', 2.4, 9.9, 'g'], // no change
  ['2024-06-01', 'deepseek', 'deepseek-chat', 0.14, 0.28, 'h'],
  ['2025-02-08', 'deepseek', 'deepseek-chat', 0.27, 1.1, 'i'],
  ['2024-06-01', 'ollama', 'ollama/llama3', 0, 0, 'j'],
  ['2024-07-01', 'ollama', 'ollama/llama3', 0.1, 0.1, 'k'],
] as const;
const latest = [
  ['2025-03-01', 'openai', 'gpt-4o', 2.5, 10, 'z', 'chat', 1.25, 128000, '2024-05-13'],
  ['2025-03-01', 'deepseek', 'deepseek-chat', 0.27, 1.1, 'z', 'chat', 0.07, 64000, '2024-06-01'],
  ['2025-03-01', 'azure', 'azure/global/gpt-4o-2024-11-20', 2.4, 9.9, 'z', 'chat', null, 128000, '2024-11-13'],
] as const;
const cuts = [
  ['2024-05-21', 'Alibaba Cloud', 'qwen-long', 20, 0.5, null, null, 'https://example.org/q', 'n', 'high'],
  ['2024-05-21', 'Baidu AI Cloud (Qianfan)', 'ERNIE-Speed-8K', 4, 0, 8, 0, 'https://example.org/b', 'n', 'high'],
  ['2024-09', 'Alibaba Cloud', 'qwen-turbo', 2, 0.3, null, null, 'https://example.org/t', 'n', 'medium'],
] as const;
export const MARKET_ROWS = { history, latest, cuts };
