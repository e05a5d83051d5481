/**
 * The /prices page's data, gathered from the same service, analyses and
 * presenter as `/pricewar`: the latest price snapshot as a table, the trend
 * by capability tier (`/pricewar trend`) and China's 2024 cuts
 * (`/pricewar cuts`), each with its chart spec, plus the data's date and
 * sources. Plain JSON: the web adapter serves it and knows no feature.
 */
import type { Config } from '../../config.js';
import type { ChartAttachment, Citation, ReplyTable } from '../../core/reply.js';
import { priceCuts } from '../../pricewar/cuts.js';
import { dayToIso } from '../../pricewar/dates.js';
import { blendedPrice } from '../../pricewar/prices.js';
import { priceTrend } from '../../pricewar/trend.js';
import { inFlagWords } from './options.js';
import { cutsReply, trendReply } from './presenter.js';
import { getPriceData } from './service.js';

export interface DashboardSection {
  readonly title: string;
  readonly text: string;
  readonly table?: ReplyTable;
  readonly charts: readonly ChartAttachment[];
  readonly citations: readonly Citation[];
}

export interface PricesDashboard {
  /** The snapshot's date (YYYY-MM-DD). */
  readonly asOf: string;
  readonly currency: string;
  readonly sources: readonly Citation[];
  /** The latest chat-model prices: one row per listing. */
  readonly prices: {
    readonly columns: readonly string[];
    readonly rows: readonly (readonly (string | number | null)[])[];
    readonly providers: readonly string[];
  };
  readonly trend: DashboardSection;
  readonly cuts: DashboardSection;
}

const SOURCES: readonly Citation[] = [
  { title: 'LiteLLM model prices (litellm_latest.csv, litellm_price_history.csv)', url: 'https://github.com/BerriAI/litellm' },
  { title: 'Data provenance: knowledge/data/SOURCES.md' },
];

const round = (n: number | null): number | null => (n === null ? null : Math.round(n * 10_000) / 10_000);

/** Build the dashboard for this configuration's price data (loaded once per process, like /pricewar's). */
export async function pricesDashboard(config: Pick<Config, 'PRICE_DATA_DIR'>): Promise<PricesDashboard> {
  const data = await getPriceData(config.PRICE_DATA_DIR);
  const chat = data.raw.latest.rows.filter((r) => r.mode === 'chat' || r.mode === null);
  const rows = chat.map((r) => [r.provider, r.model, round(r.input_usd_per_mtok), round(r.output_usd_per_mtok), round(blendedPrice(r.input_usd_per_mtok, r.output_usd_per_mtok)), round(r.cache_read_usd_per_mtok), r.max_input_tokens, r.first_seen_in_history ?? null]);
  const trend = trendReply(data, inFlagWords(() => priceTrend(data, {})));
  const cuts = cutsReply(data, inFlagWords(() => priceCuts(data, {})));
  const section = (reply: typeof trend): DashboardSection => ({
    title: reply.title ?? '',
    text: reply.text,
    ...(reply.table === undefined ? {} : { table: reply.table }),
    charts: reply.charts ?? [],
    citations: reply.citations ?? [],
  });
  return {
    asOf: chat[0]?.date ?? dayToIso(data.lastDay),
    currency: 'USD per million tokens (China cuts: CNY)',
    sources: SOURCES,
    prices: {
      columns: ['Provider', 'Model', 'Input $/M', 'Output $/M', 'Blended $/M', 'Cached input $/M', 'Context tokens', 'First seen'],
      rows,
      providers: [...new Set(chat.map((r) => r.provider))].sort(),
    },
    trend: section(trend),
    cuts: section(cuts),
  };
}
