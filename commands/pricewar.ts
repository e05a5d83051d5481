/**
 * /pricewar: the arguments of each subcommand; the answers (analysis, wording,
 * charts) are the chat layer's, in src/bot/pricewar/.
 */
import { z } from 'zod';
import { AdminOnly, defineCommand, defineSubcommand } from '../src/core/index.js';
import {
  answerAlerts,
  answerCompare,
  answerCost,
  answerCuts,
  answerOverview,
  answerSimulation,
  answerTrend,
  answerSources,
  answerSync,
  answerUnwatch,
  answerWatchOrList,
  blendOption,
  priceScheduleService,
  PRICEWAR_INTENTS,
  rawOption,
  COST_PRESET_IDS,
  dateOption,
  DEFAULT_SIMULATION,
  MAX_COMPARE,
  providerOption,
  ratioOption,
  shareOption,
  sinceOption,
  untilOption,
} from '../src/bot/pricewar/index.js';

// ── /pricewar trend ──────────────────────────────────────────────────────────
const trend = defineSubcommand({
  description: 'How fast prices fall: log-linear fit, decline per year, halving time, R²',
  examples: ['/pricewar trend --model gpt-4o', '/pricewar trend --tier gpt-4', '/pricewar trend --model claude-3-haiku --blend 1:1'],
  args: z.object({
    model: z.string().min(1).optional().describe('Model id or family, e.g. gpt-4o (default: every capability tier)'),
    provider: providerOption,
    tier: z.string().min(1).optional().describe('Cheapest model at or above a tier: gpt-3.5, gpt-4, or an MMLU score like 80'),
    since: sinceOption(),
    until: untilOption,
    blend: blendOption,
    raw: rawOption,
  }),
  positionals: ['model'],
  run: answerTrend,
});

// ── /pricewar cuts ───────────────────────────────────────────────────────────
const cuts = defineSubcommand({
  description: 'Who cut which price when in China’s 2024–2025 price war (CNY per M tokens)',
  examples: ['/pricewar cuts', '/pricewar cuts --provider baidu', '/pricewar cuts --from 2024-05-15 --to 2024-05-31'],
  args: z.object({
    provider: z.string().min(1).optional().describe('Vendor, in English or Chinese: baidu, alibaba, 字节, deepseek…'),
    from: dateOption('First day, YYYY-MM-DD').optional(),
    to: dateOption('Last day, YYYY-MM-DD').optional(),
  }),
  run: answerCuts,
});

// ── /pricewar cost ───────────────────────────────────────────────────────────
/**
 * A price in USD per M tokens, within plausible list prices. A price of 0
 * leaves no revenue to take a margin of (it was −Infinity in the data), so
 * the smallest is 0.0001; only the cached-input price may be 0 (cache hits free).
 */
const usdPerMillion = () => z.number().min(0.0001, 'must be at least 0.0001 (USD per M tokens)').max(10_000, 'must be at most 10000 (USD per M tokens)');
const cachedUsdPerMillion = () =>
  z
    .number()
    .min(0, 'must be 0 or more (USD per M tokens)')
    .max(10_000, 'must be at most 10000 (USD per M tokens)')
    // Only the gap between 0 and 0.0001 (below 0 is min's to say).
    .refine((v) => !(v > 0 && v < 0.0001), 'must be 0 or at least 0.0001 (USD per M tokens)');
const cost = defineSubcommand({
  description: 'Serving unit economics: cost per M tokens, margin, verdict, utilisation sensitivity',
  examples: ['/pricewar cost --preset llama-3.1-405b', '/pricewar cost --preset deepseek-v3-r1', '/pricewar cost --gpu-hourly 2.5 --gpus 8 --tokens-per-second 3300 --price 2.8'],
  args: z.object({
    preset: z.string().min(1).optional().describe(`Published inputs: ${COST_PRESET_IDS.slice(0, 3).join(', ')}… (list: --preset list)`),
    gpuHourly: z.number().min(0.01, 'must be at least 0.01 (USD per GPU-hour, e.g. 2.5)').max(1000).optional().describe('GPU rent, USD per GPU-hour'),
    gpus: z.number().int().min(1).max(1_000_000).optional().describe('Number of GPUs'),
    tokensPerSecond: z.number().min(1, 'must be at least 1 (input + output tokens per second)').max(1e9).optional().describe('Input + output tokens/s of the whole deployment at full load'),
    inputOutputRatio: ratioOption('Input:output token mix, e.g. 10:1 (default 10:1)').optional(),
    utilization: shareOption('Share of the day at that throughput, e.g. 60% (default 60%)', 1).refine((v) => v > 0, 'must be more than 0%').optional(),
    price: usdPerMillion().optional().describe('USD per M tokens, input and output alike'),
    inputPrice: usdPerMillion().optional().describe('USD per M input tokens'),
    outputPrice: usdPerMillion().optional().describe('USD per M output tokens'),
    cachedInputPrice: cachedUsdPerMillion().optional().describe('USD per M input tokens served from cache'),
    cacheHitShare: shareOption('Share of input tokens served from cache, e.g. 50%', 1).optional(),
  }),
  run: answerCost,
});

// ── /pricewar compare ────────────────────────────────────────────────────────
const compare = defineSubcommand({
  description: 'Current input/output/blended prices side by side, with the date each was last seen',
  examples: ['/pricewar compare gpt-4o claude-3-5-sonnet deepseek-chat', '/pricewar compare gpt-4o-mini gemini-1.5-flash --blend 1:1'],
  args: z.object({
    models: z.array(z.string().min(1)).min(1, 'name at least one model, e.g. gpt-4o deepseek-chat').max(MAX_COMPARE, `at most ${MAX_COMPARE} models at a time`).describe('Model ids or families'),
    provider: providerOption,
    blend: blendOption,
    raw: rawOption,
    nonChat: z.boolean().optional().describe('Include a family’s embedding, image, audio and moderation listings'),
  }),
  positionals: ['models...'],
  run: answerCompare,
});

// ── /pricewar simulate ───────────────────────────────────────────────────────
const d = DEFAULT_SIMULATION;
const simulate = defineSubcommand({
  description: 'Simulate a Bertrand-style price war with capacity and cash (a model, not a forecast)',
  examples: ['/pricewar simulate', '/pricewar simulate --firms 3 --rounds 24 --cash 10,40,80', '/pricewar simulate --elasticity 0.8 --seed 7'],
  args: z.object({
    firms: z.number().int().min(2).max(12).default(d.firms).describe('Number of firms'),
    rounds: z.number().int().min(1).max(120).default(d.rounds).describe('Rounds (months)'),
    cost: z.array(z.number().min(0.001, 'must be at least 0.001 (USD per M tokens)').max(10_000)).min(1).max(12).default([...d.cost]).describe('Serving cost, USD per M tokens: one value or one per firm'),
    elasticity: z.number().min(0.1).max(5).default(d.elasticity).describe('Price elasticity of market demand'),
    cash: z.array(z.number().min(0.001, 'must be at least 0.001 (USD millions)').max(1_000_000)).min(1).max(12).default([...d.cash]).describe('Cash reserves, USD millions: one value or one per firm'),
    startPrice: z.number().min(0.001).max(10_000).default(d.startPrice).describe('Pre-war price, USD per M tokens'),
    demand: z.number().min(0.001).max(100_000).default(d.demand).describe('Market demand at the start price, billion tokens per round'),
    capacity: z.number().min(0.01).max(10).default(d.capacity).describe('Each firm’s capacity as a share of starting demand'),
    fixedCost: z.number().min(0).max(100_000).refine((v) => !(v > 0 && v < 0.001), 'must be 0 or at least 0.001 (USD millions)').default(d.fixedCost).describe('Fixed cost per firm and round, USD millions'),
    undercut: z.number().min(0.001).max(0.9).default(d.undercut).describe('How far firms undercut the cheapest rival (0.1 = 10%)'),
    floor: z.number().min(0.01).max(1).default(d.floor).describe('Lowest price as a share of own cost (0.5 = half of cost)'),
    seed: z.number().int().min(0).max(2 ** 31).default(d.seed).describe('Random seed (same seed, same war)'),
  }),
  run: answerSimulation,
});

// ── /pricewar alerts ─────────────────────────────────────────────────────────
const alerts = defineSubcommand({
  description: 'Price cuts and rises since a date, newest first',
  examples: ['/pricewar alerts', '/pricewar alerts --since 2026-06-01 --min-change 50%', '/pricewar alerts --since 2024-05-01 --provider deepseek'],
  args: z.object({
    since: sinceOption('First day, YYYY-MM-DD (default: 30 days before the newest data)'),
    until: untilOption,
    minChange: shareOption('Smallest change reported, e.g. 20%', 1000).prefault('20%'),
    provider: providerOption,
    raw: rawOption,
    nonChat: z.boolean().optional().describe('Include embedding, image, audio and moderation models'),
  }),
  run: answerAlerts,
});

// ── /pricewar sync · sources ────────────────────────────────────────────────
const sync = defineSubcommand({
  description: 'Fetch the live price feeds (OpenRouter, LiteLLM) now (admins)',
  examples: ['/pricewar sync'],
  args: z.object({}),
  preconditions: [AdminOnly],
  run: answerSync,
});

const sources = defineSubcommand({
  description: 'Each price feed: last successful sync, models, changes, errors',
  examples: ['/pricewar sources'],
  args: z.object({}),
  run: answerSources,
});

// ── /pricewar watch · unwatch ────────────────────────────────────────────────
const MAX_WATCH_MODELS = 10;
const watch = defineSubcommand({
  description: 'Post in this channel when a model’s price changes (watch list: this channel’s watches)',
  examples: ['/pricewar watch gpt-4o deepseek-chat --change 10%', '/pricewar watch claude-3-5-haiku --below 1', '/pricewar watch list'],
  args: z.object({
    models: z.array(z.string().min(1).max(100)).min(1, 'name a model, e.g. gpt-4o, or list').max(MAX_WATCH_MODELS, `at most ${MAX_WATCH_MODELS} models at a time`).describe('Model ids or families, or list'),
    below: z.number().min(0.0001, 'must be at least 0.0001 (USD per M tokens)').max(10_000, 'must be at most 10000 (USD per M tokens)').optional().describe('Notify when the blended price falls below this (USD per M tokens)'),
    change: shareOption('Notify when the price moves by at least this, e.g. 10% (default 10%)', 10).refine((v) => v > 0, 'must be more than 0%').optional(),
  }),
  positionals: ['models...'],
  run: answerWatchOrList,
});

const unwatch = defineSubcommand({
  description: 'Stop this channel’s watch on a model',
  examples: ['/pricewar unwatch gpt-4o'],
  args: z.object({
    models: z.array(z.string().min(1).max(100)).min(1, 'name a watched model').max(50).describe('Watched model ids'),
  }),
  positionals: ['models...'],
  run: answerUnwatch,
});

export default defineCommand({
  name: 'pricewar',
  description: 'LLM API price war in numbers: trends, the 2024 China cuts, serving cost, simulations',
  examples: ['/pricewar trend --model gpt-4o', '/pricewar cuts', '/pricewar cost --preset llama-3.1-405b', '/pricewar compare gpt-4o deepseek-chat', '/pricewar simulate', '/pricewar alerts --since 2026-06-01'],
  args: z.object({}),
  subcommands: { trend, cuts, cost, compare, simulate, alerts, sync, sources, watch, unwatch },
  // `npm start` syncs the feeds on PRICE_SYNC_SCHEDULE (and at start-up when the data is stale); the one-shot CLI never does.
  startWith: [priceScheduleService],
  // Price questions in plain words ("how much is gpt-4o now", "qwen-turbo 现在多少钱？") run the matching subcommand instead of the FAQ.
  intents: PRICEWAR_INTENTS,
  run: answerOverview,
});
