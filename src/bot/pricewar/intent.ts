/**
 * Price questions in plain words → the /pricewar line that answers them.
 * The /pricewar command declares these intents; the core router asks them
 * before the FAQ. A price look-up needs two things: words that ask for a
 * price now (how much, price, cheapest, 多少钱, 价格, 便宜…) and a model the
 * price data knows (a family such as gpt-4o, or a name from
 * model_aliases.csv such as qwen-turbo or DeepSeek) — or, for "the cheapest
 * model at a level", a named capability tier. Questions about why or how
 * prices move, history and the article stay with the FAQ.
 */
import type { IntentContext, IntentSpec } from '../../core/command.js';
import type { PriceData } from '../../pricewar/data.js';
import { resolveModel } from '../../pricewar/models.js';
import { VENDOR_ZH } from '../../pricewar/cuts.js';
import { priceBookService } from './service.js';

const PRICE_WORDS = /(how much|what does .{1,40} cost|price|pricing|priced|cost(s)? (now|today)|cheap|expensive|per (1m|million|m) tokens|\$\s?\d|多少钱|价格|价钱|几块钱|收费|定价|便宜|贵|报价|单价)/i;
const CHEAPEST = /(cheapest|least expensive|lowest[- ]price|最便宜|最低价|价格最低)/i;
const LEVEL = /(gpt-?4|gpt-?3\.5)[- ]?(level|class|tier|grade|级别?|水平|同级)/i;
/** Why/how-come/history/effect questions are explanations: the FAQ's, even when they name a model. */
const EXPLAIN = /(\bwhy\b|how come|\breasons?\b|\bexplain|history of|\bimpact|\beffects?\b|\baffects?\b|should (we|i)|pros and cons|article|为什么|为何|原因|影响|历史|文章|怎么看|意味着|利弊|好处|坏处)/i;
const TREND = /(fall|fell|drop|decline|trend|per year|halving|\bcut\b|\bslash(?:ed)?\b|下降|降了多少|降价|下调|趋势|每年)/i;

const NAME_CHARS = 'a-z0-9._-';
/** A model variant written after a name, apart from it: a context length (128k) or a size (72b). */
const VARIANT_AFTER = /^[\s_-]?\d+(?:\.\d+)?[kb](?![a-z0-9])/;

interface NameIndex {
  /** Lower-case names (families with a digit or dash, and aliases), longest first. */
  readonly names: readonly string[];
  readonly aliasOf: ReadonlyMap<string, string>;
}

const indexes = new WeakMap<PriceData, NameIndex>();

function nameIndex(data: PriceData): NameIndex {
  let index = indexes.get(data);
  if (index === undefined) {
    const names = new Set<string>();
    // A family name only counts when it cannot be an everyday word ("chat", "auto"): it has a digit or a dash.
    for (const family of data.models.byFamily.keys()) if (family.length >= 4 && /[\d-]/.test(family) && !family.startsWith('ft:') && !family.includes('/')) names.add(family);
    const aliasOf = new Map<string, string>();
    for (const row of data.raw.aliases.rows) {
      names.add(row.alias);
      aliasOf.set(row.alias, row.alias);
    }
    index = { names: [...names].sort((a, b) => b.length - a.length), aliasOf };
    indexes.set(data, index);
  }
  return index;
}

/** The models a text names, in order of appearance, longest name first at each place (gpt-4o-mini before gpt-4o). */
export function mentionedModels(data: PriceData, text: string): string[] {
  const lower = text.toLowerCase();
  const taken: [number, number][] = [];
  const found: { at: number; name: string }[] = [];
  for (const name of nameIndex(data).names) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(name, from);
      if (at < 0) break;
      from = at + 1;
      const before = lower[at - 1];
      const after = lower[at + name.length];
      const boundary = (c: string | undefined): boolean => c === undefined || !new RegExp(`[${NAME_CHARS}]`).test(c);
      if (!boundary(before) || !boundary(after)) continue;
      if (taken.some(([s, e]) => at < e && at + name.length > s)) continue;
      // "豆包pro 128k", "qwen 72b": a context length or size after the name asks for a variant the name is not;
      // answering with the listing the name stands for (Doubao-pro-32k) would price another model.
      if (VARIANT_AFTER.test(lower.slice(at + name.length))) continue;
      taken.push([at, at + name.length]);
      found.push({ at, name });
    }
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.name))];
}

async function data(ctx: IntentContext): Promise<PriceData> {
  return (await ctx.services.get(priceBookService)).data();
}

/** Whether `/pricewar trend --model <name>` knows the model (a family or id of the USD price history). */
function trendable(d: PriceData, name: string): boolean {
  try {
    resolveModel(d.models, name);
    return true;
  } catch {
    return false;
  }
}

/** The `cuts --provider` word for the vendor whose China-table rows a CNY alias stands for (qwen-long → alibaba). */
function cutsVendorOf(d: PriceData, name: string): string | undefined {
  const alias = d.raw.aliases.rows.find((r) => r.alias === name);
  if (alias === undefined || alias.currency !== 'CNY') return undefined;
  const target = new RegExp(alias.target, 'i');
  const row = d.raw.cuts.rows.find((r) => target.test(r.model));
  return row === undefined ? undefined : VENDOR_ZH.find((v) => v.match.test(row.provider))?.aliases[0];
}

/** "how much is gpt-4o now", "qwen-turbo 现在多少钱？", "GPT-4o 和 DeepSeek 哪个便宜" → /pricewar compare …. */
export const priceLookupIntent: IntentSpec = {
  name: 'price-lookup',
  description: 'The current price of one or more named models, or which of them is cheaper',
  examples: ['how much is gpt-4o now', 'qwen-turbo 现在多少钱？', 'GPT-4o 和 DeepSeek 哪个便宜'],
  async resolve(text, ctx) {
    if (!PRICE_WORDS.test(text) || EXPLAIN.test(text)) return undefined;
    const d = await data(ctx);
    const models = mentionedModels(d, text);
    if (models.length === 0) return undefined;
    if (TREND.test(text) && models.length === 1) {
      // How one model's price moved: the price history's trend knows the models of the USD feeds; a model only the
      // China table prices (qwen-long, doubao-pro-32k) has its dated cuts in `cuts`, where `trend` would answer
      // "Unknown model" and the current price would not say what was cut.
      if (trendable(d, models[0]!)) return `/pricewar trend --model ${models[0]}`;
      const vendor = cutsVendorOf(d, models[0]!);
      return vendor === undefined ? undefined : `/pricewar cuts --provider ${vendor}`;
    }
    return `/pricewar compare ${models.slice(0, 12).join(' ')}`;
  },
};

/** "cheapest GPT-4-level model now?", "GPT-4 级别最便宜的模型" → /pricewar trend --tier …. */
export const cheapestAtLevelIntent: IntentSpec = {
  name: 'cheapest-at-level',
  description: 'The cheapest model at a capability level (GPT-4 level, GPT-3.5 level) now',
  examples: ['What is the cheapest GPT-4-level model now?', 'GPT-4 级别最便宜的模型是哪个'],
  resolve(text) {
    if (!CHEAPEST.test(text) || EXPLAIN.test(text)) return undefined;
    const level = LEVEL.exec(text);
    if (level === null) return undefined;
    const tier = /3\.5/.test(level[1] ?? '') ? 'gpt-3.5' : 'gpt-4';
    return `/pricewar trend --tier ${tier}`;
  },
};

export const PRICEWAR_INTENTS: readonly IntentSpec[] = [cheapestAtLevelIntent, priceLookupIntent];
