/**
 * Named inputs for /pricewar cost, read from serving_cost_inputs.csv rather
 * than typed into code: a preset says which rows it needs and how their
 * published figures become inputs, so the numbers stay traceable to a line
 * of the data file (and a user's own copy of the file changes them).
 */
import type { PriceData } from './data.js';
import { COST_DEFAULTS, type CostInputs } from './cost.js';
import { paramKey, type ParamName } from './errors.js';
import type { ServingInputRow } from './schemas.js';

type Row = ServingInputRow & { line: number };

export interface PublishedEconomics {
  readonly revenuePerDay?: number;
  readonly costPerDay?: number;
  /** (revenue − cost) / cost as published (DeepSeek: 5.45). */
  readonly markupOnCost?: number;
}

export interface CostPreset {
  readonly id: string;
  readonly title: string;
  /** Everything the preset fixes; prices may be absent (then a verdict needs a price). */
  readonly inputs: Partial<CostInputs> & Pick<CostInputs, 'gpuHourly' | 'gpus' | 'tokensPerSecond' | 'inputPerOutput' | 'utilization'>;
  readonly published: PublishedEconomics | undefined;
  /** One line per derived number: which row, which arithmetic. */
  readonly derivation: readonly string[];
  readonly sources: readonly { title: string; url: string }[];
  readonly caveats: readonly string[];
}

export type PresetLookup = { ok: true; preset: CostPreset } | { ok: false; id: string; title: string; reason: string };

interface PresetDefinition {
  readonly id: string;
  readonly title: string;
  /** `name` spells a parameter the way the caller's user sets it (a caveat may suggest one). */
  build(rows: readonly Row[], name: ParamName): CostPreset;
}

class MissingRow extends Error {}

function find(rows: readonly Row[], what: string, test: (r: Row) => boolean): Row {
  const row = rows.find(test);
  if (row === undefined) throw new MissingRow(`serving_cost_inputs.csv has no row for ${what}`);
  return row;
}

/** All numbers in a published value such as "300 / 3000", "798.34 vs 670.08" or "608e9 / 342e9 / 168e9". */
export function numbersIn(text: string | undefined): number[] {
  return [...(text ?? '').matchAll(/\d+(?:\.\d+)?(?:e\d+)?/gi)].map((m) => Number(m[0]));
}

function need(values: number[], count: number, what: string, row: Row): number[] {
  if (values.length < count || values.some((v) => !Number.isFinite(v))) throw new MissingRow(`${what} (line ${row.line}) does not hold ${count} number(s)`);
  return values;
}

const cite = (row: Row): string => `line ${row.line}`;
const firstUrl = (row: Row): string => (row.source_url.split(/\s+[;|]\s+|\s+\(/)[0] ?? row.source_url).trim();

// DeepSeek-R1 list prices (USD per million tokens) as stated in the same disclosure that gives the revenue figure.
const R1_PRICES = { cachedInput: 0.14, input: 0.55, output: 2.19 };

const DEFINITIONS: readonly PresetDefinition[] = [
  {
    id: 'llama-3.1-405b',
    title: 'Llama 3.1 405B on 8×H100 at $2.8/M (public break-even calculation, 2024-07)',
    build(rows) {
      const tp = find(rows, 'the 405B throughput (output / input tokens/s)', (r) => r.kind === 'unit_economics' && /405b/i.test(r.model ?? '') && /output\s*\/\s*input throughput/i.test(r.metric));
      const econ = find(rows, 'the 405B revenue vs GPU cost', (r) => r.kind === 'unit_economics' && /revenue vs gpu cost/i.test(r.metric) && /lepton|jia/i.test(r.source_org));
      const [outTps, inTps] = need(numbersIn(tp.value), 2, 'the throughput', tp) as [number, number];
      const [revenue, cost] = need(numbersIn(econ.value), 2, 'revenue vs cost', econ) as [number, number];
      const price = need(numbersIn(/\$\s*(\d+(?:\.\d+)?)/.exec(econ.workload ?? '')?.[1]), 1, 'the price per M tokens in the workload column', econ)[0] as number;
      const gpus = econ.gpus ?? tp.gpus ?? 8;
      const gpuHourly = cost / 24 / gpus;
      return {
        id: 'llama-3.1-405b',
        title: this.title,
        inputs: { gpuHourly, gpus, tokensPerSecond: outTps + inTps, inputPerOutput: inTps / outTps, utilization: 1, inputPrice: price, outputPrice: price },
        published: { revenuePerDay: revenue, costPerDay: cost },
        derivation: [
          `throughput ${inTps.toLocaleString('en-US')} input + ${outTps.toLocaleString('en-US')} output = ${(inTps + outTps).toLocaleString('en-US')} tokens/s (${cite(tp)})`,
          `price $${price}/M for input and output (${cite(econ)})`,
          `GPU cost $${cost}/day ÷ 24 h ÷ ${gpus} GPUs = $${gpuHourly.toFixed(2)}/GPU-hour (${cite(econ)})`,
          'utilisation 100 % (the calculation assumes the server runs at that throughput all day)',
        ],
        sources: [{ title: 'Llama 3.1 405B inference math (summary of Yangqing Jia’s thread)', url: firstUrl(econ) }],
        caveats: [econ.note ?? '', tp.note ?? ''].filter((s) => s !== ''),
      };
    },
  },
  {
    id: 'deepseek-v3-r1',
    title: 'DeepSeek V3/R1 serving, 24 h of 2025-02-27/28 (DeepSeek’s own disclosure)',
    build(rows) {
      const isDeepSeek = (r: Row): boolean => r.kind === 'unit_economics' && /^deepseek$/i.test(r.source_org);
      const nodesRow = find(rows, 'DeepSeek’s average nodes in use', (r) => isDeepSeek(r) && /avg nodes in use/i.test(r.metric));
      const costRow = find(rows, 'DeepSeek’s GPU cost per day', (r) => isDeepSeek(r) && /gpu cost/i.test(r.metric));
      const tokensRow = find(rows, 'DeepSeek’s daily token totals', (r) => isDeepSeek(r) && /input tokens.*cache hits.*output tokens/i.test(r.metric));
      const revenueRow = find(rows, 'DeepSeek’s theoretical revenue', (r) => isDeepSeek(r) && /theoretical revenue/i.test(r.metric));
      const nodes = need(numbersIn(nodesRow.value), 1, 'the node count', nodesRow)[0] as number;
      const perNode = Number(/(\d+)\s*GPUs each/i.exec(nodesRow.metric)?.[1] ?? 8);
      const gpuHourly = need(numbersIn(/\$\s*(\d+(?:\.\d+)?)/.exec(costRow.metric)?.[1]), 1, 'the $/GPU-hour in the metric column', costRow)[0] as number;
      const publishedCost = need(numbersIn(costRow.value), 1, 'the GPU cost', costRow)[0] as number;
      const [inputTokens, cacheHits, outputTokens] = need(numbersIn(tokensRow.value), 3, 'the token totals', tokensRow) as [number, number, number];
      const publishedRevenue = need(numbersIn(revenueRow.value), 1, 'the theoretical revenue', revenueRow)[0] as number;
      const markupText = /(\d+(?:\.\d+)?)\s*%/.exec(revenueRow.note ?? '')?.[1];
      const gpus = nodes * perNode;
      return {
        id: 'deepseek-v3-r1',
        title: this.title,
        inputs: {
          gpuHourly,
          gpus,
          tokensPerSecond: (inputTokens + outputTokens) / 86_400,
          inputPerOutput: inputTokens / outputTokens,
          utilization: 1,
          inputPrice: R1_PRICES.input,
          cachedInputPrice: R1_PRICES.cachedInput,
          outputPrice: R1_PRICES.output,
          cacheHitShare: cacheHits / inputTokens,
        },
        published: { revenuePerDay: publishedRevenue, costPerDay: publishedCost, ...(markupText === undefined ? {} : { markupOnCost: Number(markupText) / 100 }) },
        derivation: [
          `GPUs ${nodes} nodes × ${perNode} = ${gpus.toLocaleString('en-US')} H800 (${cite(nodesRow)})`,
          `GPU cost $${gpuHourly}/GPU-hour, DeepSeek’s own assumption (${cite(costRow)})`,
          `tokens/day ${fmtTokens(inputTokens)} input (${fmtTokens(cacheHits)} cache hits) + ${fmtTokens(outputTokens)} output, the day’s actual totals, so utilisation = 100 % of this average (${cite(tokensRow)})`,
          `prices: DeepSeek-R1 list prices $${R1_PRICES.input}/M input (cache miss), $${R1_PRICES.cachedInput}/M (cache hit), $${R1_PRICES.output}/M output, as stated in the disclosure`,
        ],
        sources: [{ title: 'DeepSeek Open Infra Index, day 6: inference system overview', url: firstUrl(revenueRow) }],
        caveats: [
          'Theoretical revenue: DeepSeek says actual revenue is much lower (V3 is cheaper than R1, web and app use is free, night-time discounts).',
          'The token totals are published rounded to the billion, so revenue recomputed from them differs slightly from the published figure.',
        ],
      };
    },
  },
  ...(
    [
      ['llama-3.1-8b-h100', 'Llama 3.1 8B Instruct', 1],
      ['llama-3.3-70b-h100', 'Llama 3.3 70B Instruct', 2],
      ['llama-3.1-405b-h100', 'Llama 3.1 405B Instruct', 8],
    ] as const
  ).map(
    ([id, model, gpus]): PresetDefinition => ({
      id,
      title: `${model} on ${gpus}×H100, TensorRT-LLM FP8, 1000 in / 1000 out tokens per request, Lambda on-demand GPU price`,
      build(rows, name) {
        const tp = find(rows, `the TensorRT-LLM ${model} throughput`, (r) => r.kind === 'throughput' && /tensorrt-llm/i.test(r.source_org) && r.model === model && r.gpus === gpus && /ISL\/OSL 1000\/1000/.test(r.workload ?? '') && /H100/.test(r.hardware ?? ''));
        const rent = find(rows, 'a Lambda H100 per-GPU price', (r) => r.kind === 'gpu_rental' && /^lambda$/i.test(r.source_org) && /H100/.test(r.hardware ?? '') && r.per_gpu_value !== null);
        const outTps = need(numbersIn(tp.value), 1, 'the output throughput', tp)[0] as number;
        const gpuHourly = rent.per_gpu_value as number;
        return {
          id,
          title: this.title,
          inputs: { gpuHourly, gpus, tokensPerSecond: outTps * 2, inputPerOutput: 1, utilization: COST_DEFAULTS.utilization },
          published: undefined,
          derivation: [
            `throughput ${outTps.toLocaleString('en-US')} output tokens/s at 1000 input per 1000 output → ${(outTps * 2).toLocaleString('en-US')} tokens/s in all (${cite(tp)})`,
            `GPU price $${gpuHourly}/GPU-hour, Lambda on-demand list (${cite(rent)})`,
            `utilisation ${COST_DEFAULTS.utilization * 100} % (the /pricewar cost default: real traffic is not a benchmark at maximum load)`,
          ],
          sources: [
            { title: 'NVIDIA TensorRT-LLM performance overview', url: firstUrl(tp) },
            { title: 'Lambda instance prices', url: firstUrl(rent) },
          ],
          caveats: [`Benchmark at maximum load with fixed-length synthetic requests; no price is given, add ${name('price')} to get a verdict.`],
        };
      },
    }),
  ),
];

function fmtTokens(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toLocaleString('en-US')}B` : n.toLocaleString('en-US');
}

export const COST_PRESET_IDS: readonly string[] = DEFINITIONS.map((d) => d.id);

/** Aliases users are likely to type. */
const ALIASES: Readonly<Record<string, string>> = { 'llama-405b': 'llama-3.1-405b', '405b': 'llama-3.1-405b', deepseek: 'deepseek-v3-r1', 'deepseek-2025': 'deepseek-v3-r1', 'deepseek-r1': 'deepseek-v3-r1' };

export function canonicalPresetId(id: string): string | undefined {
  const lower = id.trim().toLowerCase();
  if (COST_PRESET_IDS.includes(lower)) return lower;
  return ALIASES[lower];
}

/** The preset `id` (or an alias) built from the data; `name` spells the parameters its texts suggest (default: the keys). */
export function costPreset(data: PriceData, id: string, name: ParamName = paramKey): PresetLookup | undefined {
  const canonical = canonicalPresetId(id);
  const def = DEFINITIONS.find((d) => d.id === canonical);
  if (def === undefined) return undefined;
  try {
    return { ok: true, preset: def.build(data.raw.serving.rows, name) };
  } catch (error) {
    if (error instanceof MissingRow) return { ok: false, id: def.id, title: def.title, reason: error.message };
    throw error;
  }
}

export function listCostPresets(data: PriceData, name: ParamName = paramKey): PresetLookup[] {
  return DEFINITIONS.map((d) => costPreset(data, d.id, name) as PresetLookup);
}
