import { z } from 'zod';
import { ArgumentError, camelToKebab, defineCommand, defineSubcommand, type ChartAttachment, type CommandContext, type Reply } from '../src/core/index.js';
import { isIsoDate } from '../src/pricewar/dates.js';
import { alertsSpec, compareSpec, costSpec, cutsSpec, renderPng, simulationSpec, trendSpec } from '../src/pricewar/charts.js';
import { explainAlerts, explainCompare, explainCost, explainCuts, explainDataIssues, explainOverview, explainPresets, explainSimulation, explainTrend, type Summary } from '../src/pricewar/explain.js';
import {
  comparePrices,
  costPreset,
  COST_PRESET_IDS,
  DEFAULT_SIMULATION,
  findPriceAlerts,
  listCostPresets,
  MAX_COMPARE,
  parseRatio,
  priceCuts,
  priceDataService,
  priceTrend,
  simulatePriceWar,
  unitEconomics,
  type CostInputs,
  type CostPreset,
  type PriceData,
} from '../src/pricewar/index.js';
import { suggestionText } from '../src/pricewar/models.js';

// ── argument types shared by the subcommands ────────────────────────────────
const date = (what: string) =>
  z
    .string()
    .refine(isIsoDate, 'must be a real date written YYYY-MM-DD, like 2024-05-21')
    .describe(what);
const ratio = (what: string) =>
  z
    .string()
    .refine((s) => parseRatio(s) !== undefined, 'must be two numbers like 3:1 (input:output)')
    .transform((s) => parseRatio(s) as NonNullable<ReturnType<typeof parseRatio>>)
    .describe(what);
/** "20%", "20" (read as per cent) or "0.2" (a fraction ≤ 1). */
const share = (what: string, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?\s*%?$/, 'must be a percentage like 20% (or a fraction like 0.2)')
    .transform((s) => {
      const n = Number(s.replace('%', '').trim());
      return s.includes('%') || n > 1 ? n / 100 : n;
    })
    .refine((v) => v <= max, `must be at most ${max * 100}%`)
    .describe(what);
const provider = z.string().min(1).optional().describe('Only this provider (LiteLLM label such as openai, deepinfra, azure)');

async function load(ctx: CommandContext): Promise<PriceData> {
  return ctx.services.get(priceDataService);
}

/** Render a chart; a broken renderer costs the picture, never the answer (the reply says so). */
async function chart(ctx: CommandContext, filename: string, summary: Summary, build: () => Parameters<typeof renderPng>[0]): Promise<ChartAttachment[]> {
  try {
    return [{ filename, png: await renderPng(build()), title: summary.chartTitle ?? summary.title, alt: summary.headline }];
  } catch (error) {
    ctx.log.error({ err: error, chart: filename }, 'pricewar chart failed to render');
    return [];
  }
}

/** A feature summary (plain text, a table, sources, data) → a chat reply, with skipped data rows noted. */
function toReply(data: PriceData, summary: Summary, charts: readonly ChartAttachment[] = [], chartWanted = false): Reply {
  const issues = explainDataIssues(data);
  const lines = [`**${summary.headline}**`, ...summary.lines];
  if (chartWanted && charts.length === 0) lines.push('_(The chart could not be drawn this time; the numbers are complete.)_');
  if (issues.line !== undefined) lines.push(`⚠ ${issues.line}`);
  return {
    title: summary.title,
    text: lines.join('\n'),
    ...(summary.table === undefined ? {} : { table: summary.table }),
    ...(charts.length === 0 ? {} : { charts }),
    ...(summary.citations.length === 0 ? {} : { citations: summary.citations }),
    data: { ...summary.data, ...(issues.data === undefined ? {} : { dataIssues: issues.data }) },
  };
}

// ── /pricewar trend ──────────────────────────────────────────────────────────
const trend = defineSubcommand({
  description: 'How fast prices fall: log-linear fit, decline per year, halving time, R²',
  examples: ['/pricewar trend --model gpt-4o', '/pricewar trend --tier gpt-4', '/pricewar trend --model claude-3-haiku --blend 1:1'],
  args: z.object({
    model: z.string().min(1).optional().describe('Model id or family, e.g. gpt-4o (default: every capability tier)'),
    provider,
    tier: z.string().min(1).optional().describe('Cheapest model at or above a tier: gpt-3.5, gpt-4, or an MMLU score like 80'),
    since: date('First day, YYYY-MM-DD').optional(),
    until: date('Last day, YYYY-MM-DD (default: newest data)').optional(),
    blend: ratio('Input:output weights of the blended price').prefault('3:1'),
  }),
  positionals: ['model'],
  async run(ctx, args) {
    const data = await load(ctx);
    const result = priceTrend(data, args);
    const summary = explainTrend(data, result);
    const drawable = result.series.some((s) => s.points.length > 0);
    return toReply(data, summary, drawable ? await chart(ctx, 'pricewar-trend.png', summary, () => trendSpec(result)) : [], drawable);
  },
});

// ── /pricewar cuts ───────────────────────────────────────────────────────────
const cuts = defineSubcommand({
  description: 'Who cut which price when in China’s 2024 price war (CNY per M tokens)',
  examples: ['/pricewar cuts', '/pricewar cuts --provider baidu', '/pricewar cuts --from 2024-05-15 --to 2024-05-31'],
  args: z.object({
    provider: z.string().min(1).optional().describe('Vendor, in English or Chinese: baidu, alibaba, 字节, deepseek…'),
    from: date('First day, YYYY-MM-DD').optional(),
    to: date('Last day, YYYY-MM-DD').optional(),
  }),
  async run(ctx, args) {
    const data = await load(ctx);
    const result = priceCuts(data, args);
    const summary = explainCuts(result);
    const drawable = result.cuts.some((c) => c.input.changePct !== null || c.output.changePct !== null);
    return toReply(data, summary, drawable ? await chart(ctx, 'pricewar-cuts.png', summary, () => cutsSpec(result)) : [], drawable);
  },
});

// ── /pricewar cost ───────────────────────────────────────────────────────────
const cost = defineSubcommand({
  description: 'Serving unit economics: cost per M tokens, margin, verdict, utilisation sensitivity',
  examples: ['/pricewar cost --preset llama-3.1-405b', '/pricewar cost --preset deepseek-v3-r1', '/pricewar cost --gpu-hourly 2.5 --gpus 8 --tokens-per-second 3300 --price 2.8'],
  args: z.object({
    preset: z.string().min(1).optional().describe(`Published inputs: ${COST_PRESET_IDS.slice(0, 3).join(', ')}… (list: --preset list)`),
    gpuHourly: z.number().positive('must be more than 0 (USD per GPU-hour, e.g. 2.5)').max(1000).optional().describe('GPU rent, USD per GPU-hour'),
    gpus: z.number().int().min(1).max(1_000_000).optional().describe('Number of GPUs'),
    tokensPerSecond: z.number().positive('must be more than 0 (input + output tokens per second)').optional().describe('Input + output tokens/s of the whole deployment at full load'),
    inputOutputRatio: ratio('Input:output token mix, e.g. 10:1 (default 10:1)').optional(),
    utilization: share('Share of the day at that throughput, e.g. 60% (default 60%)', 1).refine((v) => v > 0, 'must be more than 0%').optional(),
    price: z.number().min(0, 'must be 0 or more (USD per M tokens)').optional().describe('USD per M tokens, input and output alike'),
    inputPrice: z.number().min(0).optional().describe('USD per M input tokens'),
    outputPrice: z.number().min(0).optional().describe('USD per M output tokens'),
    cachedInputPrice: z.number().min(0).optional().describe('USD per M input tokens served from cache'),
    cacheHitShare: share('Share of input tokens served from cache, e.g. 50%', 1).optional(),
  }),
  async run(ctx, args) {
    const data = await load(ctx);
    if (args.preset?.toLowerCase() === 'list') return toReply(data, explainPresets(listCostPresets(data)));
    let base: Partial<CostInputs> = {};
    let preset: CostPreset | undefined;
    if (args.preset !== undefined) {
      const lookup = costPreset(data, args.preset);
      if (lookup === undefined) throw new ArgumentError(`Unknown preset "${args.preset}".${suggestionText(args.preset.toLowerCase(), COST_PRESET_IDS)} Presets: ${COST_PRESET_IDS.join(', ')}.`);
      if (!lookup.ok) throw new ArgumentError(`Preset ${lookup.id} is unavailable: ${lookup.reason}.`);
      preset = lookup.preset;
      base = preset.inputs;
    }
    const inputs = {
      ...base,
      ...defined({
        gpuHourly: args.gpuHourly,
        gpus: args.gpus,
        tokensPerSecond: args.tokensPerSecond,
        // An output weight of 0 is refused below, before these inputs are used.
        inputPerOutput: args.inputOutputRatio === undefined ? undefined : args.inputOutputRatio.input / args.inputOutputRatio.output,
        utilization: args.utilization,
        inputPrice: args.inputPrice ?? args.price,
        outputPrice: args.outputPrice ?? args.price,
        cachedInputPrice: args.cachedInputPrice,
        cacheHitShare: args.cacheHitShare,
      }),
    };
    const missing = (['gpuHourly', 'gpus', 'tokensPerSecond'] as const).filter((k) => inputs[k] === undefined).map((k) => `--${camelToKebab(k)}`);
    if (missing.length > 0) {
      throw new ArgumentError(`/pricewar cost needs ${missing.join(', ')} (or a preset: --preset ${COST_PRESET_IDS.join(' | ')}). Example: /pricewar cost --gpu-hourly 2.5 --gpus 8 --tokens-per-second 3300 --price 2.8`);
    }
    if ((inputs.inputPrice === undefined) !== (inputs.outputPrice === undefined)) {
      throw new ArgumentError('Give both --input-price and --output-price, or --price for both.');
    }
    if (args.inputOutputRatio !== undefined && args.inputOutputRatio.output === 0) throw new ArgumentError('--input-output-ratio needs some output tokens, e.g. 10:1.');
    const full: CostInputs = { inputPerOutput: 10, utilization: 0.6, ...inputs } as CostInputs;
    const result = unitEconomics(full);
    const summary = explainCost(result, preset);
    return toReply(data, summary, await chart(ctx, 'pricewar-cost.png', summary, () => costSpec(result, preset?.title ?? 'your inputs')), true);
  },
});

/** Drop undefined values so that a spread does not erase preset inputs. */
function defined<T extends Record<string, unknown>>(o: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}

// ── /pricewar compare ────────────────────────────────────────────────────────
const compare = defineSubcommand({
  description: 'Current input/output/blended prices side by side, with the date each was last seen',
  examples: ['/pricewar compare gpt-4o claude-3-5-sonnet deepseek-chat', '/pricewar compare gpt-4o-mini gemini-1.5-flash --blend 1:1'],
  args: z.object({
    models: z.array(z.string().min(1)).min(1, 'name at least one model, e.g. gpt-4o deepseek-chat').max(MAX_COMPARE, `at most ${MAX_COMPARE} models at a time`).describe('Model ids or families'),
    provider,
    blend: ratio('Input:output weights of the blended price').prefault('3:1'),
  }),
  positionals: ['models...'],
  async run(ctx, args) {
    const data = await load(ctx);
    const result = comparePrices(data, args);
    const summary = explainCompare(result);
    return toReply(data, summary, await chart(ctx, 'pricewar-compare.png', summary, () => compareSpec(result)), true);
  },
});

// ── /pricewar simulate ───────────────────────────────────────────────────────
const d = DEFAULT_SIMULATION;
const simulate = defineSubcommand({
  description: 'Simulate a Bertrand-style price war with capacity and cash (a model, not a forecast)',
  examples: ['/pricewar simulate', '/pricewar simulate --firms 3 --rounds 24 --cash 10,40,80', '/pricewar simulate --elasticity 0.8 --seed 7'],
  args: z.object({
    firms: z.number().int().min(2).max(12).default(d.firms).describe('Number of firms'),
    rounds: z.number().int().min(1).max(120).default(d.rounds).describe('Rounds (months)'),
    cost: z.array(z.number().positive('must be more than 0 (USD per M tokens)')).min(1).max(12).default([...d.cost]).describe('Serving cost, USD per M tokens: one value or one per firm'),
    elasticity: z.number().min(0.1).max(5).default(d.elasticity).describe('Price elasticity of market demand'),
    cash: z.array(z.number().positive('must be more than 0 (USD millions)')).min(1).max(12).default([...d.cash]).describe('Cash reserves, USD millions: one value or one per firm'),
    startPrice: z.number().positive().default(d.startPrice).describe('Pre-war price, USD per M tokens'),
    demand: z.number().positive().default(d.demand).describe('Market demand at the start price, billion tokens per round'),
    capacity: z.number().gt(0).max(10).default(d.capacity).describe('Each firm’s capacity as a share of starting demand'),
    fixedCost: z.number().min(0).default(d.fixedCost).describe('Fixed cost per firm and round, USD millions'),
    undercut: z.number().gt(0).max(0.9).default(d.undercut).describe('How far firms undercut the cheapest rival (0.1 = 10%)'),
    floor: z.number().min(0).max(1).default(d.floor).describe('Lowest price as a share of own cost (0.5 = half of cost)'),
    seed: z.number().int().min(0).max(2 ** 31).default(d.seed).describe('Random seed (same seed, same war)'),
  }),
  async run(ctx, args) {
    for (const [name, list] of [['cost', args.cost], ['cash', args.cash]] as const) {
      if (list.length !== 1 && list.length !== args.firms) throw new ArgumentError(`--${name} takes one value or one per firm (${args.firms}); got ${list.length}.`);
    }
    const data = await load(ctx);
    const result = simulatePriceWar({ ...args, substitution: d.substitution });
    const summary = explainSimulation(result);
    return toReply(data, summary, await chart(ctx, 'pricewar-simulation.png', summary, () => simulationSpec(result)), true);
  },
});

// ── /pricewar alerts ─────────────────────────────────────────────────────────
const alerts = defineSubcommand({
  description: 'Price cuts and rises since a date, newest first',
  examples: ['/pricewar alerts', '/pricewar alerts --since 2026-06-01 --min-change 50%', '/pricewar alerts --since 2024-05-01 --provider deepseek'],
  args: z.object({
    since: date('First day, YYYY-MM-DD (default: 30 days before the newest data)').optional(),
    until: date('Last day, YYYY-MM-DD (default: newest data)').optional(),
    minChange: share('Smallest change reported, e.g. 20%', 1000).prefault('20%'),
    provider,
  }),
  async run(ctx, args) {
    const data = await load(ctx);
    const result = findPriceAlerts(data, args);
    const summary = explainAlerts(result);
    const drawable = result.alerts.some((a) => a.changePct !== null);
    return toReply(data, summary, drawable ? await chart(ctx, 'pricewar-alerts.png', summary, () => alertsSpec(result)) : [], drawable);
  },
});

export default defineCommand({
  name: 'pricewar',
  description: 'LLM API price war in numbers: trends, the 2024 China cuts, serving cost, simulations',
  examples: ['/pricewar trend --model gpt-4o', '/pricewar cuts', '/pricewar cost --preset llama-3.1-405b', '/pricewar compare gpt-4o deepseek-chat', '/pricewar simulate', '/pricewar alerts --since 2026-06-01'],
  args: z.object({}),
  subcommands: { trend, cuts, cost, compare, simulate, alerts },
  async run(ctx) {
    const data = await load(ctx);
    return toReply(data, explainOverview(data));
  },
});
