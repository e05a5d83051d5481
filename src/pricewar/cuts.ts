/**
 * /pricewar cuts: the dated Chinese API price changes of the 2024 price war
 * (CNY per million tokens), with the percentage change, "made free", and the
 * source's confidence as recorded in china_price_war_2024.csv.
 */
import { ArgumentError } from '../core/errors.js';
import type { PriceData } from './data.js';
import { dayParam, dayToIso, parseIsoDay, parseIsoMonth } from './dates.js';
import { ParamError } from './errors.js';
import { suggestionText } from './models.js';

/** Chinese names for the vendors in the table (charts show these; users may type either). */
export const VENDOR_ZH: ReadonlyArray<{ match: RegExp; zh: string; en: string; aliases: readonly string[] }> = [
  { match: /^deepseek/i, zh: '深度求索', en: 'DeepSeek', aliases: ['deepseek', '深度求索'] },
  { match: /^zhipu/i, zh: '智谱', en: 'Zhipu AI', aliases: ['zhipu', 'glm', '智谱', '智谱ai'] },
  { match: /^bytedance/i, zh: '字节跳动·火山引擎', en: 'ByteDance', aliases: ['bytedance', 'volcano', 'volcengine', 'doubao', '字节', '字节跳动', '火山', '火山引擎', '豆包'] },
  { match: /^alibaba/i, zh: '阿里云', en: 'Alibaba Cloud', aliases: ['alibaba', 'aliyun', 'qwen', 'tongyi', 'dashscope', '阿里', '阿里云', '通义', '通义千问'] },
  { match: /^baidu/i, zh: '百度智能云', en: 'Baidu', aliases: ['baidu', 'qianfan', 'ernie', 'wenxin', '百度', '千帆', '文心'] },
  { match: /^iflytek/i, zh: '科大讯飞', en: 'iFlytek', aliases: ['iflytek', 'spark', 'xunfei', '讯飞', '科大讯飞', '星火'] },
  { match: /^tencent/i, zh: '腾讯云', en: 'Tencent Cloud', aliases: ['tencent', 'hunyuan', '腾讯', '腾讯云', '混元'] },
];

export function vendorZh(provider: string): string {
  return VENDOR_ZH.find((v) => v.match.test(provider))?.zh ?? provider;
}

export type CutKind = 'cut' | 'rise' | 'made-free' | 'launch' | 'unchanged' | 'event' | 'off-peak' | 'promotion-end';

/** A condition on a price that the table's row names: it is not the list price of every hour or every request. */
export type CutQualifier = 'off-peak' | 'promotion-end' | 'promotion' | 'cache-hit';

export const QUALIFIER_WORDS: Record<CutQualifier, { en: string; zh: string }> = {
  'off-peak': { en: 'off-peak discount', zh: '错峰优惠' },
  'promotion-end': { en: 'promotional price ends', zh: '优惠期结束' },
  promotion: { en: 'promotional price', zh: '限时优惠' },
  'cache-hit': { en: 'cache-hit input', zh: '缓存命中' },
};

/** The qualifier a row's model or note names ("- off-peak 00:30-08:30", "promotional period ends", "on context-cache hit"). */
export function cutQualifier(model: string, note: string | undefined): CutQualifier | undefined {
  const m = model.toLowerCase();
  if (/off-peak|错峰/.test(m)) return 'off-peak';
  if (/promotion\w* (period )?ends?|优惠期结束/.test(m)) return 'promotion-end';
  if (/cache[- ]hit|缓存命中/.test(m)) return 'cache-hit';
  if (/promotion|限时/.test(m) || /^promotional/i.test(note ?? '')) return 'promotion';
  return undefined;
}

export interface SideChange {
  readonly old: number | null;
  readonly new: number | null;
  /** (new − old) / old × 100; null when either is missing or old is 0. */
  readonly changePct: number | null;
}

export interface PriceCut {
  readonly date: string;
  /** `day` for a full date, `month` when the source gives only the month (`2024-09`). */
  readonly datePrecision: 'day' | 'month';
  readonly provider: string;
  readonly providerZh: string;
  readonly model: string;
  readonly input: SideChange;
  readonly output: SideChange;
  /** Every price the source gives for the new tariff is 0. */
  readonly madeFree: boolean;
  readonly kind: CutKind;
  /** Off-peak, promotion, its end, cache hits: kept in tables and chart labels, never read as a list-price cut or rise. */
  readonly qualifier: CutQualifier | undefined;
  readonly confidence: string;
  readonly sources: readonly string[];
  readonly note: string | undefined;
  readonly line: number;
}

export interface CutsOptions {
  readonly provider?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface CutsResult {
  readonly currency: 'CNY';
  readonly unit: 'CNY per million tokens';
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly provider: string | undefined;
  /** The years the listed rows span: "2024" or "2024–2025" (titles follow the data). */
  readonly span: string;
  readonly cuts: readonly PriceCut[];
  readonly summary: {
    readonly rows: number;
    readonly madeFree: number;
    readonly cuts: number;
    readonly rises: number;
    readonly launches: number;
    readonly offPeak: number;
    readonly promotionEnds: number;
    readonly vendors: readonly string[];
    /** The largest input-price cut with both prices known. */
    readonly deepestInputCut: PriceCut | undefined;
  };
}

export function pctChange(oldPrice: number | null, newPrice: number | null): number | null {
  if (oldPrice === null || newPrice === null || oldPrice === 0) return null;
  return ((newPrice - oldPrice) / oldPrice) * 100;
}

/** "https://a (comment) | https://b" → ["https://a (comment)", "https://b"]. */
export function splitSources(field: string): string[] {
  return field.split(/\s+\|\s+/).map((s) => s.trim()).filter((s) => s !== '');
}

function side(oldPrice: number | null, newPrice: number | null): SideChange {
  return { old: oldPrice, new: newPrice, changePct: pctChange(oldPrice, newPrice) };
}

function classify(input: SideChange, output: SideChange): { kind: CutKind; madeFree: boolean } {
  const news = [input.new, output.new].filter((v): v is number => v !== null);
  const madeFree = news.length > 0 && news.every((v) => v === 0);
  const olds = [input.old, output.old].filter((v): v is number => v !== null);
  if (news.length === 0) return { kind: 'event', madeFree: false };
  if (madeFree) return { kind: 'made-free', madeFree };
  if (olds.length === 0) return { kind: 'launch', madeFree };
  const changes = [input.changePct, output.changePct].filter((v): v is number => v !== null);
  if (changes.some((c) => c < 0) && !changes.some((c) => c > 0)) return { kind: 'cut', madeFree };
  if (changes.some((c) => c > 0) && !changes.some((c) => c < 0)) return { kind: 'rise', madeFree };
  return { kind: changes.length === 0 ? 'launch' : 'unchanged', madeFree };
}

/** Which table providers a provider query means (English, Chinese or product names). */
export function matchCutProviders(providers: readonly string[], query: string): string[] {
  const q = query.trim().toLowerCase();
  const vendor = VENDOR_ZH.find((v) => v.aliases.includes(q));
  return providers.filter((p) => (vendor !== undefined ? vendor.match.test(p) : p.toLowerCase().includes(q)));
}

/** The row with the largest input-price fall (the first of equals), among those with both input prices known. */
export function deepestInputCut(cuts: readonly PriceCut[]): PriceCut | undefined {
  let deepest: PriceCut | undefined;
  for (const c of cuts) {
    if (c.input.changePct !== null && (deepest === undefined || c.input.changePct < (deepest.input.changePct as number))) deepest = c;
  }
  return deepest;
}

function dayRange(date: string): { first: number; last: number } {
  const day = parseIsoDay(date);
  if (day !== undefined) return { first: day, last: day };
  return parseIsoMonth(date) as { first: number; last: number };
}

export function priceCuts(data: PriceData, options: CutsOptions = {}): CutsResult {
  const fromDay = dayParam('from', options.from);
  const toDay = dayParam('to', options.to);
  if (fromDay !== undefined && toDay !== undefined && fromDay > toDay) {
    throw new ParamError(
      ['from', 'to'],
      (name) => `${name('from')} (${options.from}) is after ${name('to')} (${options.to}); the range must run forwards, e.g. ${name('from')} 2024-05-01 ${name('to')} 2024-06-30.`,
    );
  }
  const rows = data.raw.cuts.rows;
  const allProviders = [...new Set(rows.map((r) => r.provider))];
  let providers: Set<string> | undefined;
  if (options.provider !== undefined) {
    const found = matchCutProviders(allProviders, options.provider);
    if (found.length === 0) {
      const names = VENDOR_ZH.flatMap((v) => [v.en.toLowerCase(), v.zh]);
      throw new ArgumentError(
        `No price changes recorded for provider "${options.provider}".${suggestionText(options.provider.toLowerCase(), names)} Vendors in the table: ${VENDOR_ZH.map((v) => `${v.en} (${v.zh})`).join(', ')}.`,
      );
    }
    providers = new Set(found);
  }
  const cuts: PriceCut[] = [];
  for (const row of rows) {
    if (providers !== undefined && !providers.has(row.provider)) continue;
    const range = dayRange(row.date);
    // A month-precision row belongs to any range that overlaps its month.
    if (fromDay !== undefined && range.last < fromDay) continue;
    if (toDay !== undefined && range.first > toDay) continue;
    const input = side(row.old_price_cny_per_mtok_input, row.new_price_cny_per_mtok_input);
    const output = side(row.old_output, row.new_output);
    const classified = classify(input, output);
    const qualifier = cutQualifier(row.model, row.note);
    const madeFree = classified.madeFree;
    const kind: CutKind = qualifier === 'off-peak' ? 'off-peak' : qualifier === 'promotion-end' ? 'promotion-end' : classified.kind;
    cuts.push({
      date: row.date,
      datePrecision: parseIsoDay(row.date) === undefined ? 'month' : 'day',
      provider: row.provider,
      providerZh: vendorZh(row.provider),
      model: row.model,
      input,
      output,
      madeFree,
      kind,
      qualifier,
      confidence: row.confidence,
      sources: splitSources(row.source_url),
      note: row.note,
      line: row.line,
    });
  }
  cuts.sort((a, b) => dayRange(a.date).first - dayRange(b.date).first || a.line - b.line);
  // An off-peak discount or a promotion's end is not a list-price cut: the deepest cut is among list prices.
  const deepest = deepestInputCut(cuts.filter((c) => c.qualifier === undefined || c.qualifier === 'cache-hit'));
  const years = [...new Set(cuts.map((c) => c.date.slice(0, 4)))].sort();
  return {
    currency: 'CNY',
    unit: 'CNY per million tokens',
    from: fromDay === undefined ? undefined : dayToIso(fromDay),
    to: toDay === undefined ? undefined : dayToIso(toDay),
    provider: options.provider,
    span: years.length === 0 ? '2024' : years.length === 1 ? (years[0] as string) : `${years[0]}–${years[years.length - 1]}`,
    cuts,
    summary: {
      rows: cuts.length,
      madeFree: cuts.filter((c) => c.madeFree).length,
      cuts: cuts.filter((c) => c.kind === 'cut').length,
      rises: cuts.filter((c) => c.kind === 'rise').length,
      launches: cuts.filter((c) => c.kind === 'launch').length,
      offPeak: cuts.filter((c) => c.kind === 'off-peak').length,
      promotionEnds: cuts.filter((c) => c.kind === 'promotion-end').length,
      vendors: [...new Set(cuts.map((c) => c.provider))],
      deepestInputCut: deepest,
    },
  };
}
